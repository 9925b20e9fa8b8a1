package model

import "time"

// Reminder records that a notification announced a prediction's passed
// deadline, so that each prediction is announced once per database.
type Reminder struct {
	PredictionID int64
	SentAt       time.Time
}
