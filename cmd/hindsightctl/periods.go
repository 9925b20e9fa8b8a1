package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/internal/engine"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/store"
)

// periodCommands are the commands of `hindsightctl periods`: list, add, edit and delete.
type periodCommands struct{ *cli }

func (c periodCommands) command() *cobra.Command {
	return withSubcommands(&cobra.Command{Use: "periods", Short: "List, add, edit and delete periods (named stretches of time drawn behind events)"},
		c.list(), c.add(), c.edit(), c.delete())
}

func (c periodCommands) list() *cobra.Command {
	var from, to string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List periods by start",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			window, err := optionalWindow(from, to)
			if err != nil {
				return err
			}
			return periodListing.readAndPrint(c.cli, asJSON, func(ctx context.Context, st engine.Store) ([]model.Period, error) {
				return st.Periods().List(ctx, window)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "only periods that end on or after this date")
	f.StringVar(&to, "to", "", "only periods that start on or before this date")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// optionalWindow reads --from and --to as events list does; no window
// when neither is given.
func optionalWindow(from, to string) (*store.Window, error) {
	if from == "" && to == "" {
		return nil, nil
	}
	f, err := listFilter(from, to, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	w := f.Window()
	return &store.Window{From: w.Lo, To: w.Hi}, nil
}

// periodFlags are the flags that set a period's fields; edit changes only
// the fields whose flags were given.
type periodFlags struct {
	title, start, end, color, lane, description string
	links                                       []string
}

func (pf *periodFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&pf.title, "title", "", "the period's name")
	f.StringVar(&pf.start, "start", "", "when it began: 2023-03, 2023, mid-2022…")
	f.StringVar(&pf.end, "end", "", "when it ended (leave out when the start says it all, as 2023 does)")
	f.StringVar(&pf.color, "color", "", "its colour: #rrggbb, #rgb or a name such as teal")
	f.StringVar(&pf.lane, "lane", "", "the lane it belongs to (an actor, category or tag); empty spans all lanes")
	f.StringVar(&pf.description, "description", "", "a description (Markdown)")
	f.StringArrayVar(&pf.links, "link", nil, "a source link, http or https (repeat for several)")
}

// apply sets the fields whose flags were given on p.
func (pf *periodFlags) apply(cmd *cobra.Command, p *model.Period) error {
	changed := cmd.Flags().Changed
	var err error
	if changed("title") {
		p.Title = pf.title
	}
	if changed("start") {
		if p.Start, err = parseDate("start", pf.start); err != nil {
			return err
		}
	}
	if changed("end") {
		if p.End, err = parseDate("end", pf.end); err != nil {
			return err
		}
	}
	if changed("color") {
		if p.Color, err = model.ParseColor(pf.color); err != nil {
			return fieldError{"color", err}
		}
	}
	if changed("lane") {
		p.Lane = pf.lane
	}
	if changed("description") {
		p.Description = pf.description
	}
	if changed("link") {
		p.Links = nil
		for _, u := range pf.links {
			p.Links = append(p.Links, model.Link{URL: u})
		}
	}
	return nil
}

func (c periodCommands) add() *cobra.Command {
	var pf periodFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add --title T --start D",
		Short: "Add a period and print its id",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var p model.Period
			if err := pf.apply(cmd, &p); err != nil {
				return err
			}
			saved, err := inStore(c.cli, func(ctx context.Context, st engine.Store) (model.Period, error) { return st.Periods().Add(ctx, p) })
			if err != nil {
				return err
			}
			return c.printSaved(asJSON, saved, saved.ID)
		},
	}
	pf.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the saved period as JSON")
	return cmd
}

func (c periodCommands) edit() *cobra.Command {
	var pf periodFlags
	var asJSON bool
	cmd := c.recordCommand("edit ID [--title T] [--start D] [--end D] [--color C] [--lane L] [--description TEXT] [--link URL…]", "Change the fields of a period that the flags name", "period id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		ctx := context.Background()
		p, err := st.Periods().Get(ctx, id)
		if err != nil {
			return err
		}
		if err := pf.apply(cmd, &p); err != nil {
			return err
		}
		saved, err := st.Periods().Update(ctx, p)
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(saved)
		}
		return nil
	})
	pf.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the saved period as JSON")
	return cmd
}

func (c periodCommands) delete() *cobra.Command {
	return c.recordCommand("delete ID", "Delete a period (Edit › Undo in the app brings it back)", "period id", func(cmd *cobra.Command, st engine.Store, id int64) error {
		return st.Periods().Delete(context.Background(), id)
	})
}
