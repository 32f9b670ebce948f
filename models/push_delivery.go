package models

import (
	"time"
)

// Delivery states.
const (
	DeliveryPending = "pending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
)

// PushDelivery is one job's message to one device.
type PushDelivery struct {
	ID             string `gorm:"primaryKey"`
	JobID          string
	SubscriptionID string
	Status         string
	Attempts       int
	NextAttemptAt  time.Time
	ClaimedUntil   *time.Time
	ClaimToken     *string
	LastStatus     *int
	SentAt         *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Delivery is a claimed delivery with everything a sender needs.
type Delivery struct {
	ID             string
	JobID          string
	ClaimToken     string // the claim this worker holds; outcomes need it
	Attempts       int    // including this one
	Type           string
	RefID          string
	RefAt          *time.Time
	FireAt         time.Time
	CitizenID      string
	EmployeeID     string // "" unless an employer's message about an employee
	Locale         string
	SubscriptionID string
	Endpoint       string
	P256dh         string
	Auth           string
}
