package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

func (c *cli) eventsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "events", Short: "List, add, show and delete events"}
	cmd.AddCommand(c.eventsListCommand(), c.eventsAddCommand(), c.eventsShowCommand(), c.eventsDeleteCommand())
	return cmd
}

func (c *cli) eventsListCommand() *cobra.Command {
	var from, to, search, actor, category, tag string
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List events by date",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := store.EventQuery{Search: search, Actor: actor, Tag: tag, Limit: limit}
			if category != "" {
				cat, err := model.ParseCategory(category)
				if err != nil {
					return fieldError{"category", err}
				}
				q.Category = cat
			}
			if from != "" || to != "" {
				window, err := parseWindow(from, to)
				if err != nil {
					return err
				}
				q.Window = window
			}
			st, err := c.open()
			if err != nil {
				return err
			}
			events, err := st.Events(context.Background(), q)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(nonNil(events))
			}
			return c.printEvents(events)
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "only events that end on or after this date")
	f.StringVar(&to, "to", "", "only events that start on or before this date")
	f.StringVar(&search, "search", "", "only events whose text contains every word of this")
	f.StringVar(&actor, "actor", "", "only events of this actor")
	f.StringVar(&category, "category", "", "only events of this category")
	f.StringVar(&tag, "tag", "", "only events with this tag")
	f.IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// parseWindow turns --from and --to into a window of days; an open end
// reaches as far as dates go.
func parseWindow(from, to string) (*store.Window, error) {
	w := &store.Window{From: -1 << 40, To: 1 << 40}
	if from != "" {
		d, err := parseDate("from", from)
		if err != nil {
			return nil, err
		}
		w.From = d.Earliest()
	}
	if to != "" {
		d, err := parseDate("to", to)
		if err != nil {
			return nil, err
		}
		w.To = d.Latest()
	}
	if w.To < w.From {
		return nil, fieldError{"to", fmt.Errorf("%s is before --from %s", to, from)}
	}
	return w, nil
}

func (c *cli) eventsAddCommand() *cobra.Command {
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
			st, err := c.open()
			if err != nil {
				return err
			}
			saved, err := st.AddEvent(context.Background(), e)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(saved)
			}
			fmt.Fprintln(c.stdout, saved.ID)
			return nil
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

func (c *cli) eventsShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one event with its sources",
		Args:  exactArgs(1, "an event id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, id, err := c.openRecord("event id", args[0])
			if err != nil {
				return err
			}
			e, err := st.Event(context.Background(), id)
			if err != nil {
				return err
			}
			if asJSON {
				return c.printJSON(e)
			}
			w := c.stdout
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
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *cli) eventsDeleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an event (predictions citing it lose that evidence)",
		Args:  exactArgs(1, "an event id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, id, err := c.openRecord("event id", args[0])
			if err != nil {
				return err
			}
			ctx := context.Background()
			citing, err := st.CitingPredictions(ctx, id)
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
		},
	}
}
