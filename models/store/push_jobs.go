package store

import (
	"time"

	"trappen/models"
)

func newPushJob(citizenID, typ, refID, key string, refAt *time.Time, fireAt, now time.Time) models.PushJob {
	if refAt != nil {
		t := refAt.UTC()
		refAt = &t
	}
	return models.PushJob{ID: models.NewID(), CitizenID: citizenID, EventKey: key, Type: typ, RefID: refID, RefAt: refAt,
		FireAt: fireAt.UTC(), Status: models.JobPending, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
}
