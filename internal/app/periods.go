package app

import (
	"context"

	"github.com/hindsight-app/hindsight/internal/model"
)

// SavePeriod adds p (when it has no id) or saves changes to it.
func (s *Session) SavePeriod(ctx context.Context, p model.Period) (model.Period, error) {
	periods := s.st.Periods()
	return addOrUpdate(ctx, p, p.ID, periods.Add, periods.Update)
}

// DeletePeriod removes a period; nothing else refers to one.
func (s *Session) DeletePeriod(ctx context.Context, id int64) error {
	return s.st.Periods().Delete(ctx, id)
}
