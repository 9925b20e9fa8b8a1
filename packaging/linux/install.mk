
# --- Appended by Hindsight's packaging (scripts/package-linux.sh) ---------
# The fyne tool's rules above install the app, its icon and the desktop
# entry. These add what the fyne tool does not ship: the command-line
# companion, the AppStream metainfo, the icon where software centres look
# for it, and the licences (Hindsight's and its bundled font's). Each rule
# hangs off the fyne tool's target of the same name, so `make install`,
# `make user-install` and their uninstalls cover everything.

# The fyne tool stages its files under usr/local/ or usr/, depending on the
# machine that made the archive.
Stage := usr$(if $(wildcard usr/local/bin),/local)
Metainfo := io.github.hindsight_app.hindsight.metainfo.xml
AppIcon := io.github.hindsight_app.hindsight.png
FontLicence := LICENSE-DroidSansFallback-Apache-2.0.txt

install: install-companion
uninstall: uninstall-companion
user-install: user-install-companion
user-uninstall: user-uninstall-companion

install-companion:
	install -Dm00755 $(Stage)/bin/hindsightctl $(DESTDIR)$(PREFIX)/bin/hindsightctl
	install -Dm00644 $(Stage)/share/metainfo/$(Metainfo) $(DESTDIR)$(PREFIX)/share/metainfo/$(Metainfo)
	install -Dm00644 $(Stage)/share/pixmaps/$(AppIcon) $(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(AppIcon)
	install -Dm00644 $(Stage)/share/doc/hindsight/LICENSE $(DESTDIR)$(PREFIX)/share/doc/hindsight/LICENSE
	install -Dm00644 $(Stage)/share/doc/hindsight/$(FontLicence) $(DESTDIR)$(PREFIX)/share/doc/hindsight/$(FontLicence)
uninstall-companion:
	-rm $(DESTDIR)$(PREFIX)/bin/hindsightctl
	-rm $(DESTDIR)$(PREFIX)/share/metainfo/$(Metainfo)
	-rm $(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(AppIcon)
	-rm $(DESTDIR)$(PREFIX)/share/doc/hindsight/LICENSE
	-rm $(DESTDIR)$(PREFIX)/share/doc/hindsight/$(FontLicence)

user-install-companion:
	install -Dm00755 $(Stage)/bin/hindsightctl $(DESTDIR)$(HOME)/.local/bin/hindsightctl
	install -Dm00644 $(Stage)/share/metainfo/$(Metainfo) $(DESTDIR)$(HOME)/.local/share/metainfo/$(Metainfo)
	install -Dm00644 $(Stage)/share/pixmaps/$(AppIcon) $(DESTDIR)$(HOME)/.local/share/icons/hicolor/512x512/apps/$(AppIcon)
	install -Dm00644 $(Stage)/share/doc/hindsight/LICENSE $(DESTDIR)$(HOME)/.local/share/doc/hindsight/LICENSE
	install -Dm00644 $(Stage)/share/doc/hindsight/$(FontLicence) $(DESTDIR)$(HOME)/.local/share/doc/hindsight/$(FontLicence)
user-uninstall-companion:
	-rm $(DESTDIR)$(HOME)/.local/bin/hindsightctl
	-rm $(DESTDIR)$(HOME)/.local/share/metainfo/$(Metainfo)
	-rm $(DESTDIR)$(HOME)/.local/share/icons/hicolor/512x512/apps/$(AppIcon)
	-rm $(DESTDIR)$(HOME)/.local/share/doc/hindsight/LICENSE
	-rm $(DESTDIR)$(HOME)/.local/share/doc/hindsight/$(FontLicence)

.PHONY: default install uninstall user-install user-uninstall install-companion uninstall-companion user-install-companion user-uninstall-companion
