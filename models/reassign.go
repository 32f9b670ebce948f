package models

import (
	"time"
)

// Reassignment records that a citizen moved from one caseworker to another.
type Reassignment struct {
	ID               string `gorm:"primaryKey"`
	CitizenID        string
	FromCaseworkerID string
	ToCaseworkerID   string
	ByUserID         string
	At               time.Time
}

func (Reassignment) TableName() string { return "citizen_reassignments" }

// CaseworkerChange is a reassignment as the citizen sees it.
type CaseworkerChange struct {
	At   time.Time `json:"at"`
	From string    `json:"from_caseworker_name"`
	To   string    `json:"to_caseworker_name"`
}
