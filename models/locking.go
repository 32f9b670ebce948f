package models

import "gorm.io/gorm/clause"

var (
	forUpdate           = clause.Locking{Strength: "UPDATE"}
	forUpdateSkipLocked = clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}
)
