package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// eventCommands are the commands of `hindsightctl events`: list, add, show and delete.
type eventCommands struct{ *cli }

func (c eventCommands) command() *cobra.Command {
	return withSubcommands(&cobra.Command{Use: "events", Short: "List, add, show and delete events"},
		c.list(), c.add(), c.show(), c.delete())
}

func (c eventCommands) list() *cobra.Command {
	var from, to, search string
	var actors, categories, tags []string
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List events by date",
		Long: `Lists events by date. The filters are the window's: an event is listed
when it matches every kind of filter given, and any one value of each
(--actor OpenAI --actor DeepSeek lists both). Actors ignore case; dates
take any form the app reads (2023, 2023-11, mid-2022, 2023年3月).`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := listFilter(from, to, actors, categories, tags)
			if err != nil {
				return err
			}
			return eventListing.readAndPrint(c.cli, asJSON, func(ctx context.Context, st engine.Store) ([]model.Event, error) {
				return st.Events(ctx, store.EventQuery{Filter: f, Search: search, Limit: limit})
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&from, "from", "", "only events that end on or after this date")
	fl.StringVar(&to, "to", "", "only events that start on or before this date")
	fl.StringVar(&search, "search", "", "only events whose text contains every word of this")
	fl.StringArrayVar(&actors, "actor", nil, "only events of this actor (repeat for several)")
	fl.StringArrayVar(&categories, "category", nil, "only events of this category (repeat for several)")
	fl.StringArrayVar(&tags, "tag", nil, "only events with this tag (repeat for several: any of them)")
	fl.IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// listFilter builds the window's filter from the list flags. Unlike the
// window, which ignores a date it cannot read, the command line refuses
// it: a script should not get every event for a typo.
func listFilter(from, to string, actors, categories, tags []string) (filter.Filter, error) {
	f := filter.Filter{Actors: actors, Tags: tags, From: from, To: to}
	for _, c := range categories {
		cat, err := model.ParseCategory(c)
		if err != nil {
			return f, fieldError{"category", err}
		}
		f.Categories = append(f.Categories, cat)
	}
	w := f.Window()
	switch {
	case w.FromErr != nil:
		return f, fieldError{"from", w.FromErr}
	case w.ToErr != nil:
		return f, fieldError{"to", w.ToErr}
	case w.Reversed:
		return f, fieldError{"to", fmt.Errorf("%s is before --from %s", to, from)}
	}
	return f, nil
}

func (c eventCommands) add() *cobra.Command {
	var e model.Event
	var date, end, category, titleZh, description string
	var tags, sources []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add --title T --date D",
		Short: "Add an event and print its id",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if e.Date, err = parseDate("date", date); err != nil {
				return err
			}
			if e.End, err = parseDate("end", end); err != nil {
				return err
			}
			if category != "" {
				if e.Category, err = model.ParseCategory(category); err != nil {
					return fieldError{"category", err}
				}
			}
			e.TitleZh, e.Description, e.Tags = titleZh, description, tags
			for _, u := range sources {
				e.Links = append(e.Links, model.Link{URL: u})
			}
			saved, err := inStore(c.cli, func(ctx context.Context, st engine.Store) (model.Event, error) { return st.AddEvent(ctx, e) })
			if err != nil {
				return err
			}
			return c.printSaved(asJSON, saved, saved.ID)
		},
	}
	f := cmd.Flags()
	f.StringVar(&e.Title, "title", "", "what happened (required)")
	f.StringVar(&titleZh, "title-zh", "", "the title in Chinese")
	f.StringVar(&date, "date", "", "when it happened (required): 2023-03-14, 2023-03, mid-2022…")
	f.StringVar(&end, "end", "", "when it ended, for a span")
	f.StringVar(&e.Actor, "actor", "", "organisation or person")
	f.StringVar(&category, "category", "other", "model, product, funding, policy, people, research or other")
	f.StringArrayVar(&tags, "tag", nil, "a tag (repeat for several)")
	f.StringArrayVar(&sources, "source", nil, "a source link, http or https (repeat for several)")
	f.StringVar(&description, "description", "", "a description (Markdown)")
	f.BoolVar(&asJSON, "json", false, "print the saved event as JSON")
	return cmd
}

func (c eventCommands) show() *cobra.Command {
	return showCommand(c.cli, "Show one event with its sources", "event id",
		engine.Store.Event, func(e model.Event) any { return e }, printEvent)
}

// printEvent writes an event as show prints it.
func printEvent(_ context.Context, _ engine.Store, w io.Writer, e model.Event) error {
	fmt.Fprintf(w, "%s\n%s", e.Title, display.EventDate(e, "en"))
	if e.Actor != "" {
		fmt.Fprintf(w, " · %s", e.Actor)
	}
	fmt.Fprintf(w, " · %s\n", e.Category)
	if e.TitleZh != "" {
		fmt.Fprintln(w, e.TitleZh)
	}
	if len(e.Tags) > 0 {
		fmt.Fprintln(w, "tags:", strings.Join(e.Tags, ", "))
	}
	if e.Description != "" {
		fmt.Fprintf(w, "\n%s\n", e.Description)
	}
	for _, l := range e.Links {
		fmt.Fprintln(w, "source:", l.URL)
	}
	return nil
}

func (c eventCommands) delete() *cobra.Command {
	return c.recordCommand("delete ID", "Delete an event (predictions citing it lose that evidence)", "event id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		ctx := context.Background()
		citing, err := st.Claims().CitingPredictions(ctx, id)
		if err != nil {
			return err
		}
		if err := st.DeleteEvent(ctx, id); err != nil {
			return err
		}
		for _, p := range citing {
			fmt.Fprintf(c.stderr, "prediction %d no longer cites it as evidence\n", p.ID)
		}
		return nil
	})
}
