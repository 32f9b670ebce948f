// Package models is Trappen's pure domain: its types, enums and domain
// errors, and its rules as functions of their inputs and now (deadlines,
// milestones, caseload actions, dates, plan validation...). It knows nothing
// of HTTP and imports no database package: storage lives in models/sqldb,
// models/identity, models/outbox and models/store. The structs keep their
// GORM struct tags, which are plain strings.
package models
