package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	browserpkg "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"

	"trappen/models"
	"trappen/models/storetest"
	"trappen/push/pushtest"
)

// fakePushScript replaces PushManager's subscribe and getSubscription in the
// page (headless Chromium has no push service) with a subscription for a
// device of the push stand-in: a real P-256 key and auth secret, so the
// server's messages to it can be decrypted. It also counts permission
// requests, to show none is made before the citizen asks for reminders.
const fakePushScript = `(() => {
  const dev = %s;
  window.__permissionAsks = 0;
  if (window.Notification) {
    const ask = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (...a) => { window.__permissionAsks++; return ask(...a); };
  }
  if (!window.PushManager) return;
  const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) %% 4)), (c) => c.charCodeAt(0)).buffer;
  const sub = (key) => ({
    endpoint: dev.endpoint, expirationTime: null, options: { userVisibleOnly: true, applicationServerKey: key },
    getKey: (name) => bytes(name === 'p256dh' ? dev.p256dh : dev.auth),
    toJSON: () => ({ endpoint: dev.endpoint, expirationTime: null, keys: { p256dh: dev.p256dh, auth: dev.auth } }),
    unsubscribe: async () => { localStorage.removeItem('fake-push'); return true; },
  });
  PushManager.prototype.subscribe = async function (opts) { localStorage.setItem('fake-push', '1'); return sub(opts && opts.applicationServerKey); };
  PushManager.prototype.getSubscription = async function () { return localStorage.getItem('fake-push') ? sub(null) : null; };
  PushManager.prototype.permissionState = async function () { return Notification.permission === 'granted' ? 'granted' : 'prompt'; };
})();`

// installFakePush grants notifications to origin and installs fakePushScript.
func (b *browser) installFakePush(origin string, dev *pushtest.Device) {
	b.t.Helper()
	js, _ := json.Marshal(map[string]string{"endpoint": dev.Endpoint, "p256dh": dev.P256dh, "auth": dev.Auth})
	script := fmt.Sprintf(fakePushScript, js)
	b.run(
		browserpkg.GrantPermissions([]browserpkg.PermissionType{browserpkg.PermissionTypeNotifications}).WithOrigin(origin).WithBrowserContextID(b.contextID),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
			return err
		}),
	)
}

// serviceWorkerRegistration enables CDP's ServiceWorker domain and returns
// the ID of the registration for origin, from the events it then reports.
func (b *browser) serviceWorkerRegistration(origin string) serviceworker.RegistrationID {
	b.t.Helper()
	found := make(chan serviceworker.RegistrationID, 1)
	chromedp.ListenTarget(b.ctx, func(ev any) {
		e, ok := ev.(*serviceworker.EventWorkerRegistrationUpdated)
		if !ok {
			return
		}
		for _, r := range e.Registrations {
			if !r.IsDeleted && strings.HasPrefix(r.ScopeURL, origin) {
				select {
				case found <- r.RegistrationID:
				default:
				}
			}
		}
	})
	b.run(serviceworker.Enable())
	select {
	case id := <-found:
		return id
	case <-time.After(30 * time.Second): // generous: CI machines are busy
		b.t.Fatal("no service worker registration reported")
		return ""
	}
}

// deliverPush hands data to the service worker as a push message, the way
// the browser does when its push service delivers one.
func (b *browser) deliverPush(origin string, reg serviceworker.RegistrationID, data []byte) {
	b.t.Helper()
	b.run(serviceworker.DeliverPushMessage(origin, reg, string(data)))
}

// waitPush runs the push worker (the test server does not run its loop)
// until the stand-in has decrypted a message of type typ.
func waitPush(t *testing.T, s *testServer, svc *pushtest.Service, typ string) pushtest.Received {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		if _, err := s.app.push.RunOnce(context.Background(), s.clock.Now()); err != nil {
			t.Fatal(err)
		}
		for _, r := range svc.Delivered() {
			if r.Payload["type"] == typ {
				return r
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s message reached the push stand-in; received %v, refused %v", typ, svc.Received(), svc.Failures())
	return pushtest.Received{}
}

type notificationSeen struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Tag   string `json:"tag"`
	URL   string `json:"url"`
}

func TestBrowserCitizenTurnsOnRemindersAndAcceptsFastTrack(t *testing.T) {
	t.Parallel()
	keys, err := models.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	svc := pushtest.New(t, keys.PublicKey)
	dev := svc.NewDevice(t)
	s := startServerEnv(t, storetest.Options(t, storetest.SQLite), map[string]string{
		"TRAPPEN_PUSH_ALLOWLIST":    svc.Origin() + "/push/",
		"TRAPPEN_VAPID_PUBLIC_KEY":  keys.PublicKey,
		"TRAPPEN_VAPID_PRIVATE_KEY": keys.PrivateKey,
	})
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	var cw struct {
		AccessToken string `json:"access_token"`
	}
	s.apiCall("POST", "/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "a long enough password"}, &cw)
	first := models.CopenhagenDate(s.clock.Now()).AddDate(0, 0, -21).Format(models.DateLayout)
	var citizen struct {
		ID         string `json:"id"`
		InviteCode string `json:"invite_code"`
	}
	s.apiCall("POST", "/citizens", cw.AccessToken, map[string]any{"name": "Bo Jensen", "email": "bo@example.dk", "locale": "da",
		"first_sick_day": first, "category": 2, "expected_weeks": 12, "employer_name": "Byens Bageri"}, &citizen)
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": citizen.InviteCode, "password": "my own long password"}, nil)

	b := newBrowser(t, phone)
	b.installFakePush(s.URL, dev)
	b.signIn(s, "bo@example.dk", "my own long password", "Bo Jensen")
	b.waitServiceWorker()

	// Reminders: nothing is asked until the citizen presses the button.
	b.click(`a[href="/mine-data"]`)
	b.waitText("Hvem har set mine oplysninger")
	b.axe("my information")
	b.checkLayout("my information")
	b.click(`a[href="/paamindelser"]`)
	b.waitText("Slå påmindelser til")
	var asks int
	b.eval(`window.__permissionAsks`, &asks)
	if asks != 0 {
		t.Fatalf("permission was asked %d times before the citizen chose reminders", asks)
	}
	b.waitText("låseskærm")
	b.checkScreen("the reminders screen")

	b.click(`#reminders-on`)
	b.waitText("Påmindelser er slået til på denne enhed.")
	b.eval(`window.__permissionAsks`, &asks)
	if asks != 1 {
		t.Errorf("permission asked %d times, want once", asks)
	}
	subs, err := s.app.store.Outbox.PushSubscriptions(context.Background(), citizen.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Endpoint != dev.Endpoint || subs[0].P256dh != dev.P256dh || subs[0].Auth != dev.Auth {
		t.Fatalf("stored subscriptions %+v, want the device's %s", subs, dev.Endpoint)
	}
	b.waitText("Denne enhed")
	b.checkScreen("the reminders screen with reminders on")

	// The private calendar link is shown once, with a copy button, and works.
	b.click(`#cal-make`)
	b.waitText("Kopiér link")
	var feedURL string
	b.eval(`document.getElementById('cal-url').value`, &feedURL)
	if !strings.Contains(feedURL, "/api/v1/me/calendar.ics?token=") {
		t.Fatalf("calendar link %q", feedURL)
	}
	res, err := http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Errorf("calendar feed answered %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	b.checkScreen("the reminders screen with a calendar link")

	// The employer's request, registered by the caseworker, reaches the phone.
	var ft struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	s.apiCall("POST", "/citizens/"+citizen.ID+"/fast-track", cw.AccessToken, map[string]any{"requested_by": "employer",
		"requested_at": s.clock.Now().Add(-time.Hour).Format(time.RFC3339), "expected_weeks": 12}, &ft)
	if ft.Status != "pending" {
		t.Fatalf("registered request is %q, want pending", ft.Status)
	}
	msg := waitPush(t, s, svc, "fast_track_request")
	reg := b.serviceWorkerRegistration(s.URL)
	b.deliverPush(s.URL, reg, msg.Raw)
	var shown []notificationSeen
	deadline := time.Now().Add(waitTimeout)
	for len(shown) == 0 && time.Now().Before(deadline) {
		b.eval(`navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n =>
			({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url})))`, &shown)
		if len(shown) == 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if len(shown) != 1 {
		t.Fatalf("notifications shown: %+v, want the fast-track request", shown)
	}
	if n := shown[0]; n.Title != msg.Payload["title"] || n.Body != msg.Payload["body"] || n.URL != "/" || n.Tag == "" || n.Tag != msg.Payload["tag"] {
		t.Errorf("notification %+v, from payload %s", n, msg.Raw)
	}
	// A later message on the same subject replaces the first.
	var later map[string]any
	json.Unmarshal(msg.Raw, &later)
	later["title"] = "Husk at svare"
	raw, _ := json.Marshal(later)
	b.deliverPush(s.URL, reg, raw)
	deadline = time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		b.eval(`navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n => ({title: n.title, tag: n.tag})))`, &shown)
		if len(shown) == 1 && shown[0].Title == "Husk at svare" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(shown) != 1 || shown[0].Title != "Husk at svare" {
		t.Errorf("after a second message on the same request: %+v, want it alone", shown)
	}

	// I dag: the card with a countdown, then yes, then the confirmation.
	b.click(`.citizen-nav a[href="/"]`)
	b.waitText("Din arbejdsgiver har bedt om fast track")
	var countdown string
	b.eval(`document.querySelector('.ft-countdown strong').textContent`, &countdown)
	if !regexp.MustCompile(`^(\d+ (dag|dage|time|timer|minut|minutter))( og \d+ (time|timer|minut|minutter))? tilbage$`).MatchString(countdown) {
		t.Errorf("countdown %q", countdown)
	}
	b.checkScreen("the fast-track card")

	b.click(`button.ft-accept`)
	b.waitText("Vil du sige ja til fast track?")
	var focused string
	b.waitJS("focus on the confirmation's heading", `document.activeElement && document.activeElement.textContent === 'Vil du sige ja til fast track?'`)
	b.eval(`document.activeElement.textContent`, &focused)
	if focused != "Vil du sige ja til fast track?" {
		t.Errorf("focus is on %q, want the confirmation's heading", focused)
	}
	b.checkScreen("the fast-track confirmation")

	// Cancelling returns focus to the button; the second time, yes is sent.
	b.click(`button.ft-cancel`)
	b.waitVisible(`button.ft-accept`)
	b.waitJS("focus back on the yes button", `document.activeElement && document.activeElement.classList.contains('ft-accept')`)
	b.eval(`document.activeElement.className`, &focused)
	if !strings.Contains(focused, "ft-accept") {
		t.Errorf("after cancelling, focus is on %q, want the yes button", focused)
	}
	b.click(`button.ft-accept`)
	b.click(`button.ft-send`)
	b.waitText("Du har sagt ja til fast track")
	sec, err := s.app.store.FastTrackSection(context.Background(), models.AsCitizen(citizen.ID), s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if sec.Current == nil || sec.Current.Status != "accepted" {
		t.Fatalf("after yes, the request is %+v", sec.Current)
	}

	// The record: who, when, from which state; an acceptance can be taken back.
	b.click(`.ft-answered a[href="/fast-track"]`)
	b.waitText("Hvad der er sket")
	b.waitText("Fra »Venter på svar« til »Ja«")
	b.waitText("Jobcentret")
	b.waitText("Træk mit ja tilbage")
	b.checkScreen("the fast-track record")

	b.click(`.ft-withdraw > button`)
	b.waitText("Vil du trække dit ja tilbage?")
	b.click(`.ft-withdraw button.ft-send`)
	b.waitText("Fra »Ja« til »Ja trukket tilbage«")
	b.waitText("Status: Ja trukket tilbage")
}
