package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"trappen/models"
	"trappen/models/secretbox"
	"trappen/models/store"
	"trappen/push"
)

// pushPollInterval is how often the worker looks for due messages;
// lapseInterval how often overdue fast-track requests are recorded as
// lapsed (readers already show them lapsed, so this only brings the stored
// state along). Old push history goes with the hourly purge (retention.go).
const (
	pushPollInterval = time.Second
	lapseInterval    = time.Minute
)

// vapidKeys returns the configured key pair, or the one kept in the
// database (created on first start), so every instance signs alike.
func vapidKeys(ctx context.Context, cfg Config, store *store.Store, box *secretbox.Box) (*models.VAPIDKeys, error) {
	if cfg.VAPIDPublicKey == "" {
		return store.Outbox.LoadOrCreateSealedVAPIDKeys(ctx, time.Now(), box)
	}
	pub, ok1 := models.DecodeBase64Key(cfg.VAPIDPublicKey)
	priv, ok2 := models.DecodeBase64Key(cfg.VAPIDPrivateKey)
	if !ok1 || !ok2 || len(pub) != 65 || len(priv) != 32 {
		return nil, fmt.Errorf("TRAPPEN_VAPID_PUBLIC_KEY/PRIVATE_KEY must be base64url P-256 keys (65 and 32 bytes)")
	}
	return &models.VAPIDKeys{PublicKey: base64.RawURLEncoding.EncodeToString(pub),
		PrivateKey: base64.RawURLEncoding.EncodeToString(priv)}, nil
}

// startPushWorker runs the worker every pushPollInterval until ctx ends,
// and the fast-track lapse sweep every lapseInterval;
// the returned function waits for the round in progress to finish.
func startPushWorker(ctx context.Context, w *push.Worker, st *store.Store, now func() time.Time, log *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(pushPollInterval)
		defer t.Stop()
		var lastLapse time.Time
		for {
			if _, err := w.RunOnce(ctx, now()); err != nil && ctx.Err() == nil {
				log.Error("push worker round failed", "err", err)
			}
			if now().Sub(lastLapse) >= lapseInterval {
				lastLapse = now()
				if _, err := st.LapseOverdueFastTrack(ctx, lastLapse); err != nil && ctx.Err() == nil {
					log.Error("lapsing overdue fast-track requests failed", "err", err)
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return wg.Wait
}
