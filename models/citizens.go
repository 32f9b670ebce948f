package models

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// InviteLifetime is how long an invite code works.
const InviteLifetime = 14 * 24 * time.Hour

// Citizen is the sick-listed person's profile; its ID is their user ID.
type Citizen struct {
	ID            string `gorm:"primaryKey"`
	CaseworkerID  string
	FirstSickDay  string
	Category      int
	ExpectedWeeks *int
	EmployerName  string
	CreatedAt     time.Time
	UpdatedAt     time.Time

	User User `gorm:"foreignKey:ID;references:ID"`
}

// Invite lets a citizen set their password once.
type Invite struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	CodeHash  string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
	// UsableFrom and IssuedBy are set on a code re-issued for an active
	// account (see sign_in_codes.go).
	UsableFrom *time.Time
	IssuedBy   *string
}

// NewCitizen is what a caseworker registers.
type NewCitizen struct {
	Name          string
	Email         string
	Locale        string
	FirstSickDay  string
	Category      int
	ExpectedWeeks *int
	EmployerName  string
}

// Validate checks a new citizen against now.
func (in *NewCitizen) Validate(now time.Time) error {
	var v Validation
	ValidateName(&v, "name", in.Name)
	ValidateEmail(&v, "email", in.Email)
	ValidateLocale(&v, "locale", in.Locale)
	if in.FirstSickDay == "" {
		v.Add("first_sick_day", "required")
	} else {
		ValidateDate(&v, "first_sick_day", in.FirstSickDay, now)
	}
	if in.Category < 1 || in.Category > 3 {
		v.Add("category", "invalid_category")
	}
	if in.ExpectedWeeks != nil && (*in.ExpectedWeeks < 1 || *in.ExpectedWeeks > 520) {
		v.Add("expected_weeks", "out_of_range", "min", 1, "max", 520)
	}
	if utf8.RuneCountInString(in.EmployerName) > 200 {
		v.Add("employer_name", "too_long", "max", 200)
	}
	return v.Err()
}

// IssuedInvite is an invite code, shown once. UsableFrom is set when the
// code replaces the password of an active account.
type IssuedInvite struct {
	Code       string
	ExpiresAt  time.Time
	UsableFrom *time.Time
}

// CreateCitizen stores a citizen on caseworkerID's caseload with a fresh invite.
func (s *Store) CreateCitizen(ctx context.Context, caseworkerID string, in NewCitizen, now time.Time) (*Citizen, *IssuedInvite, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Email = NormalizeEmail(in.Email)
	in.EmployerName = strings.TrimSpace(in.EmployerName)
	if in.Locale == "" {
		in.Locale = "da"
	}
	if err := in.Validate(now); err != nil {
		return nil, nil, err
	}
	now = now.UTC()
	c := &Citizen{ID: NewID(), CaseworkerID: caseworkerID, FirstSickDay: in.FirstSickDay, Category: in.Category,
		ExpectedWeeks: in.ExpectedWeeks, EmployerName: in.EmployerName, CreatedAt: now, UpdatedAt: now}
	c.User = User{ID: c.ID, Role: RoleCitizen, Email: in.Email, Name: in.Name, Locale: in.Locale, CreatedAt: now, UpdatedAt: now}
	var inv *IssuedInvite
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&c.User).Error; err != nil {
			return uniqueEmail(err)
		}
		if err := tx.Omit("User").Create(c).Error; err != nil {
			return err
		}
		var err error
		inv, err = issueInvite(tx, c.ID, now)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return c, inv, nil
}

// ReissueInvite replaces any unused invite of a citizen on caseworkerID's caseload.
func (s *Store) ReissueInvite(ctx context.Context, caseworkerID, citizenID string, now time.Time) (*IssuedInvite, error) {
	var inv *IssuedInvite
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		c, err := citizenOf(tx, caseworkerID, citizenID)
		if err != nil {
			return err
		}
		if err := tx.Where("citizen_id = ? AND used_at IS NULL", citizenID).Delete(&Invite{}).Error; err != nil {
			return err
		}
		if inv, err = issueInvite(tx, citizenID, now); err != nil || c.User.PasswordHash == nil {
			return err
		}
		return holdReset(tx, c, caseworkerID, inv, now)
	})
	if err != nil {
		return nil, fmt.Errorf("reissue invite: %w", err)
	}
	return inv, nil
}

func issueInvite(tx *gorm.DB, citizenID string, now time.Time) (*IssuedInvite, error) {
	code := newInviteCode()
	inv := Invite{ID: NewID(), CitizenID: citizenID, CodeHash: hashSecret(normalizeInviteCode(code)),
		ExpiresAt: now.UTC().Add(InviteLifetime), CreatedAt: now.UTC()}
	if err := tx.Create(&inv).Error; err != nil {
		return nil, err
	}
	return &IssuedInvite{Code: code, ExpiresAt: inv.ExpiresAt}, nil
}

// inviteAlphabet leaves out letters and digits that are easy to confuse.
const inviteAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newInviteCode() string {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(inviteAlphabet))))
		if err != nil {
			panic(err)
		}
		b.WriteByte(inviteAlphabet[n.Int64()])
	}
	return b.String()
}

func normalizeInviteCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, code)
}

var errInvalidInvite = NewError(KindUnauthorized, "invalid_invite")

// Activate spends an invite code and sets the citizen's password. Wrong
// codes from one client address are rate limited like failed logins.
func (s *Store) Activate(ctx context.Context, code, password, client string, now time.Time) (*User, error) {
	key := rateKey("activate", client)
	if err := s.checkKeyLimit(ctx, key, MaxActivationFailures, now); err != nil {
		return nil, err
	}
	u, err := s.activate(ctx, code, password, now)
	if errors.Is(err, errInvalidInvite) {
		if ferr := s.recordFailure(ctx, []rateLimit{{key, MaxActivationFailures}}, now); ferr != nil {
			return nil, ferr
		}
	}
	return u, err
}

func (s *Store) activate(ctx context.Context, code, password string, now time.Time) (*User, error) {
	var v Validation
	if strings.TrimSpace(code) == "" {
		v.Add("invite_code", "required")
	}
	ValidatePassword(&v, "password", password)
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	var user User
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		var inv Invite
		err := lockForUpdate(tx, s.Dialect).Where("code_hash = ?", hashSecret(normalizeInviteCode(code))).Take(&inv).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errInvalidInvite
		}
		if err != nil {
			return err
		}
		if inv.UsedAt != nil || !now.Before(inv.ExpiresAt) {
			return errInvalidInvite
		}
		if err := checkReset(tx, &inv, now); err != nil {
			return err
		}
		res := tx.Model(&Invite{}).Where("id = ? AND used_at IS NULL", inv.ID).Update("used_at", now.UTC())
		if res.Error != nil || res.RowsAffected != 1 {
			return errors.Join(res.Error, errInvalidInvite)
		}
		if err := tx.Model(&User{}).Where("id = ?", inv.CitizenID).
			Updates(map[string]any{"password_hash": hash, "password_changed_at": now.UTC(), "updated_at": now.UTC()}).Error; err != nil {
			return err
		}
		// A re-issued invite is how a forgotten password is replaced: sessions
		// on other devices end with the old password.
		if err := tx.Model(&RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", inv.CitizenID).
			Update("revoked_at", now.UTC()).Error; err != nil {
			return err
		}
		if err := sealAfterReset(tx, &inv); err != nil {
			return err
		}
		return tx.Where("id = ?", inv.CitizenID).Take(&user).Error
	})
	if err != nil {
		return nil, err
	}
	return &user, nil
}

// citizenOf loads a citizen only if it is on caseworkerID's caseload.
func citizenOf(tx *gorm.DB, caseworkerID, citizenID string) (*Citizen, error) {
	var c Citizen
	err := tx.Preload("User").Where("id = ? AND caseworker_id = ?", citizenID, caseworkerID).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &c, err
}

// CitizenOf loads a citizen on caseworkerID's caseload; others are not found.
func (s *Store) CitizenOf(ctx context.Context, caseworkerID, citizenID string) (*Citizen, error) {
	return citizenOf(s.DB.WithContext(ctx), caseworkerID, citizenID)
}

// CitizenByID loads a citizen's own profile.
func (s *Store) CitizenByID(ctx context.Context, id string) (*Citizen, error) {
	var c Citizen
	err := s.DB.WithContext(ctx).Preload("User").Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &c, err
}

// Caseload lists caseworkerID's citizens by name.
func (s *Store) Caseload(ctx context.Context, caseworkerID string) ([]Citizen, error) {
	var out []Citizen
	err := s.DB.WithContext(ctx).Joins("User").Where("citizens.caseworker_id = ?", caseworkerID).
		Order(`"User"."name"`).Find(&out).Error
	return out, err
}
