package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"trappen/models"
	"trappen/models/secretbox"
)

// LoadOrCreateSealedVAPIDKeys returns the key pair kept in the database,
// creating it on first start, so every instance gets the same pair. With a
// box the private key is stored encrypted: a plaintext one (from before a
// key was set) is sealed, and one sealed with a previous key is re-sealed.
// A nil box keeps it in plaintext.
func (s *Store) LoadOrCreateSealedVAPIDKeys(ctx context.Context, now time.Time, box *secretbox.Box) (*models.VAPIDKeys, error) {
	db := s.DB.WithContext(ctx)
	var k models.VAPIDKeys
	err := db.Where("id = 1").Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		err = createVAPIDKeys(db, now, box)
		if err == nil {
			err = db.Where("id = 1").Take(&k).Error // another instance may have won
		}
	}
	if err != nil {
		return nil, fmt.Errorf("load VAPID keys: %w", err)
	}
	plain, restore, err := box.Reveal(k.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("VAPID private key: %w", err)
	}
	if restore != "" {
		// Only if no other instance changed it meanwhile.
		err := db.Model(&models.VAPIDKeys{}).Where("id = 1 AND private_key = ?", k.PrivateKey).
			Update("private_key", restore).Error
		if err != nil {
			return nil, fmt.Errorf("seal VAPID private key: %w", err)
		}
	}
	k.PrivateKey = string(plain)
	return &k, nil
}

func createVAPIDKeys(db *gorm.DB, now time.Time, box *secretbox.Box) error {
	fresh, err := models.GenerateVAPIDKeys()
	if err != nil {
		return err
	}
	if fresh.PrivateKey, err = box.Store([]byte(fresh.PrivateKey)); err != nil {
		return err
	}
	fresh.CreatedAt = now.UTC()
	return db.Clauses(clause.OnConflict{DoNothing: true}).Create(fresh).Error
}
