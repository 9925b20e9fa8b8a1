package filterbar

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickOption is one value a picker offers.
type pickOption struct{ value, label string }

func plainOptions(values []string) []pickOption {
	seen := map[string]bool{}
	var out []pickOption
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, pickOption{value: v, label: v})
		}
	}
	slices.SortStableFunc(out, func(a, b pickOption) int {
		return strings.Compare(strings.ToLower(a.label), strings.ToLower(b.label))
	})
	return out
}

// pickSearchMin is how many options a picker needs before it offers a box
// to search them.
const pickSearchMin = 8

// pickRowsMax is how many rows a picker's list shows before it scrolls.
const pickRowsMax = 12

// picker is a button that opens a checklist of values to choose any
// number of; the button shows how many are chosen.
type picker struct {
	button   *widget.Button
	title    func(count int) string
	options  []pickOption
	selected map[string]bool
	onChange func()

	// The open pop-up, if any: its search box, list and the options it
	// lists (indices into options).
	popUp  *widget.PopUp
	search *widget.Entry
	list   *widget.List
	empty  *widget.Label
	shown  []int
}

func newPicker(title func(int) string, options []pickOption, onChange func()) *picker {
	p := &picker{title: title, options: options, selected: map[string]bool{}, onChange: onChange}
	p.button = widget.NewButtonWithIcon(title(0), theme.MenuDropDownIcon(), p.open)
	p.button.IconPlacement = widget.ButtonIconTrailingText
	return p
}

// values lists the chosen values in the order of the options.
func (p *picker) values() []string {
	var out []string
	for _, o := range p.options {
		if p.selected[o.value] {
			out = append(out, o.value)
		}
	}
	return out
}

// setSelected chooses exactly values, adding any the options lack.
func (p *picker) setSelected(values []string) {
	p.selected = map[string]bool{}
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			p.selected[p.known(v)] = true
		}
	}
	p.updated()
}

// known returns the option value v stands for (ignoring case), adding v
// to the options when there is none.
func (p *picker) known(v string) string {
	for _, o := range p.options {
		if o.value == v {
			return v
		}
	}
	for _, o := range p.options {
		if strings.EqualFold(o.value, v) {
			return o.value
		}
	}
	p.options = append(p.options, pickOption{value: v, label: v})
	return v
}

// setOptions replaces the options, keeping what is chosen.
func (p *picker) setOptions(options []pickOption) {
	chosen := p.values()
	p.options = options
	p.setSelected(chosen)
}

// set chooses or drops one value and reports the change.
func (p *picker) set(value string, on bool) {
	if p.selected[value] == on {
		return
	}
	if on {
		p.selected[value] = true
	} else {
		delete(p.selected, value)
	}
	p.showCount()
	p.onChange()
}

// showCount shows how many values are chosen on the button, which stands
// out while any is.
func (p *picker) showCount() {
	p.button.Text = p.title(len(p.selected))
	p.button.Importance = widget.MediumImportance
	if len(p.selected) > 0 {
		p.button.Importance = widget.HighImportance
	}
	p.button.Refresh()
}

// updated shows the count on the button and refreshes an open list.
func (p *picker) updated() {
	p.showCount()
	if p.popUp != nil && p.popUp.Visible() {
		p.filterList()
	}
}

// open shows the checklist under the button.
func (p *picker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.button)
	if c == nil {
		return
	}
	p.search = nil
	var top fyne.CanvasObject
	if len(p.options) >= pickSearchMin {
		p.search = widget.NewEntry()
		p.search.SetPlaceHolder(tr("filter.search", "Search…"))
		p.search.OnChanged = func(string) { p.filterList() }
		top = p.search
	}
	p.list = widget.NewList(func() int { return len(p.shown) }, func() fyne.CanvasObject {
		return widget.NewCheck("", nil)
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		check := o.(*widget.Check)
		if id >= len(p.shown) {
			return
		}
		opt := p.options[p.shown[id]]
		check.OnChanged = nil
		check.Text = opt.label
		check.Checked = p.selected[opt.value]
		check.Refresh()
		check.OnChanged = func(on bool) { p.set(opt.value, on) }
	})
	p.list.HideSeparators = true
	p.empty = widget.NewLabel("")
	p.empty.TextStyle = fyne.TextStyle{Italic: true}
	p.popUp = widget.NewPopUp(container.NewBorder(top, nil, nil, nil, container.NewStack(p.empty, p.list)), c)
	p.filterList()

	rows := min(max(len(p.shown), 1), pickRowsMax)
	rowHeight := widget.NewCheck("M", nil).MinSize().Height + theme.Padding()
	width := max(p.button.Size().Width, 240)
	for _, i := range p.shown {
		width = max(width, widget.NewCheck(p.options[i].label, nil).MinSize().Width+theme.ScrollBarSize()+theme.Padding()*2)
	}
	height := float32(rows) * rowHeight
	if p.search != nil {
		height += p.search.MinSize().Height + theme.Padding()
	}
	width = min(width, 360)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.button)
	p.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, p.button.Size().Height)))
	p.popUp.Resize(fyne.NewSize(width+theme.Padding()*2, height+theme.Padding()*2))
	if p.search != nil {
		c.Focus(p.search)
	}
}

// filterList lists the options matching the search, the chosen first.
func (p *picker) filterList() {
	query := ""
	if p.search != nil {
		query = strings.ToLower(strings.TrimSpace(p.search.Text))
	}
	var chosen, rest []int
	for i, o := range p.options {
		if query != "" && !strings.Contains(strings.ToLower(o.label), query) {
			continue
		}
		if p.selected[o.value] {
			chosen = append(chosen, i)
		} else {
			rest = append(rest, i)
		}
	}
	p.shown = append(chosen, rest...)
	if p.list != nil {
		p.list.Refresh()
		p.list.ScrollToTop()
	}
	if p.empty != nil {
		switch {
		case len(p.shown) > 0:
			p.empty.Hide()
		case query != "":
			p.empty.SetText(tr("filter.no_matches", "No matches"))
			p.empty.Show()
		default:
			p.empty.SetText(tr("filter.nothing", "Nothing to choose from"))
			p.empty.Show()
		}
	}
}
