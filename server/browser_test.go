package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	browserpkg "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"trappen/models/storetest"
)

// chromiumPath is Debian's Chromium unless TRAPPEN_CHROMIUM says otherwise.
func chromiumPath() string {
	if p := os.Getenv("TRAPPEN_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// requireBrowserTools skips (or, in CI, fails) when Chromium or axe is missing.
func requireBrowserTools(t *testing.T) {
	t.Helper()
	missing := ""
	if _, err := os.Stat(chromiumPath()); err != nil {
		missing = chromiumPath()
	} else if _, err := os.Stat(axePath); err != nil {
		missing = axePath + " (run npm ci in pwa/)"
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("browser tests need %s: CI must not skip them", missing)
	}
	t.Skipf("browser tests need %s", missing)
}

const axePath = "../pwa/node_modules/axe-core/axe.min.js"

type runtimeEvaluate = runtime.EvaluateParams

// browser is one test's window: a tab in a browser context of its own
// (cookies, storage, cache and service workers apart from every other
// test's) in the package's shared Chromium, or, from newBrowserOwnProfile, a
// Chromium of its own with a persistent profile.
type browser struct {
	t   *testing.T
	ctx context.Context
	// contextID is the tab's browser context in the shared Chromium ("" in
	// a Chromium of its own: its default context).
	contextID cdp.BrowserContextID
}

// viewport sizes the tests use.
var (
	phone   = [2]int64{390, 844}
	desktop = [2]int64{1280, 800}
	tablet  = [2]int64{820, 1180}
)

// browserSlots bounds how many tests drive a Chromium at once: the browser
// tests run in parallel with everything else, and more than two pages at
// work on a two-core machine only make each of them slow.
var (
	browserSlots   = make(chan struct{}, 2)
	browserHolders sync.Map // top-level test name → holds a slot
)

// takeBrowserSlot waits for a slot unless t's test already holds one (a
// test may drive a citizen's phone and a caseworker's desktop at once).
func takeBrowserSlot(t *testing.T) {
	root, _, _ := strings.Cut(t.Name(), "/")
	if _, held := browserHolders.LoadOrStore(root, true); held {
		return
	}
	browserSlots <- struct{}{}
	t.Cleanup(func() { browserHolders.Delete(root); <-browserSlots })
}

// chromiumOptions are the flags every Chromium of the tests starts with.
func chromiumOptions(profile string, size [2]int64) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "da-DK"),
		chromedp.WindowSize(int(size[0]), int(size[1])),
		// V8 without its optimizing tiers: the test pages live seconds, and
		// compiling their scripts for speed cost more CPU than it saved
		// (about a tenth of the browser tests' CPU).
		chromedp.Flag("js-flags", "--no-opt --no-maglev --no-sparkplug"),
	)
}

// sharedChromium is the one Chromium most browser tests open their tabs
// in: starting a Chromium costs about two seconds of CPU, and a test needs
// a browser context of its own, not a browser. It starts with the first
// test that asks and ends in TestMain (closeSharedChromium).
var sharedChromium struct {
	mu      sync.Mutex
	ctx     context.Context // its first tab, kept open: closing it ends the browser
	cancel  func()
	profile string
}

// sharedChromiumContext returns the shared Chromium's first tab, starting
// the browser if it is not running (or has died).
func sharedChromiumContext(t *testing.T) context.Context {
	t.Helper()
	sc := &sharedChromium
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.ctx != nil && sc.ctx.Err() == nil {
		return sc.ctx
	}
	closeSharedChromiumLocked()
	profile, err := os.MkdirTemp("", "trappen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(profile, phone)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithErrorf(quietErrorf(log.Printf)))
	sc.ctx, sc.profile = ctx, profile
	sc.cancel = func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Run(ctx); err != nil { // starts the browser
		closeSharedChromiumLocked()
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// closeSharedChromium ends the shared Chromium and removes its profile.
func closeSharedChromium() {
	sharedChromium.mu.Lock()
	defer sharedChromium.mu.Unlock()
	closeSharedChromiumLocked()
}

func closeSharedChromiumLocked() {
	sc := &sharedChromium
	if sc.cancel != nil {
		sc.cancel()
	}
	if sc.profile != "" {
		removeProfile(sc.profile)
	}
	sc.ctx, sc.cancel, sc.profile = nil, nil, ""
}

// removeProfile removes a Chromium profile directory: Chromium's helpers
// may still write to it for a moment after the browser exits.
func removeProfile(dir string) {
	for i := 0; i < 20 && os.RemoveAll(dir) != nil; i++ {
		time.Sleep(50 * time.Millisecond)
	}
}

// newBrowser opens a tab of size in a browser context of the shared
// Chromium that no other running test uses. A context costs Chromium about
// two seconds of CPU to make (its window, the tab and chromedp's attaching),
// which across the suite was more than all the pages the tests open, so a
// test that passes hands its tab back (tab.reset) for the next one.
// Nothing of one test reaches the next: its cookies are deleted, and all
// else the page stored belongs to its test server's origin, a port no later
// test server in this process gets (holdAddr).
func newBrowser(t *testing.T, size [2]int64) *browser {
	t.Helper()
	requireBrowserTools(t)
	takeBrowserSlot(t)
	tab := idleTabs.take(size)
	if tab == nil {
		tab = newTab(t)
	}
	// A ceiling for the whole browser session, not a wait: a busy CI
	// machine (or -race) makes a long walk-through take minutes.
	ctx, cancelTimeout := context.WithTimeout(tab.ctx, 5*time.Minute)
	b := &browser{t: t, ctx: ctx, contextID: tab.contextID}
	t.Cleanup(func() {
		cancelTimeout()
		if t.Failed() || os.Getenv("TRAPPEN_BROWSER_SLOW") != "" || !tab.reset() {
			tab.close()
			return
		}
		idleTabs.put(size, tab)
	})
	b.setUp(size)
	return b
}

// tab is a window in a browser context of the shared Chromium, attached.
type tab struct {
	contextID cdp.BrowserContextID
	ctx       context.Context // the attached tab; lives until close
	cancel    func()
}

// idleTabs are the tabs of passed tests, ready for the next test, by the
// size the test asked for. A tab goes back only to a test of the same size:
// after a phone's touch and mobile viewport, Chromium could keep a page
// scale on a desktop tab that sent its clicks beside their targets.
var idleTabs = tabPool{tabs: map[[2]int64][]*tab{}}

type tabPool struct {
	mu   sync.Mutex
	tabs map[[2]int64][]*tab
}

func (p *tabPool) take(size [2]int64) *tab {
	p.mu.Lock()
	defer p.mu.Unlock()
	for tabs := p.tabs[size]; len(tabs) > 0; tabs = p.tabs[size] {
		tb := tabs[len(tabs)-1]
		p.tabs[size] = tabs[:len(tabs)-1]
		if tb.ctx.Err() == nil {
			return tb
		}
	}
	return nil
}

func (p *tabPool) put(size [2]int64, tb *tab) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tabs[size] = append(p.tabs[size], tb)
}

// newTab makes a browser context with a window in the shared Chromium and
// attaches to its tab.
func newTab(t *testing.T) *tab {
	t.Helper()
	root := sharedChromiumContext(t)
	// The window is made here rather than by chromedp.WithNewBrowserContext,
	// which asks for a tab, and headless Chromium refuses a tab in a context
	// that has no window yet ("no browser is open").
	bctx, cancel := onSharedBrowser(root)
	defer cancel()
	contextID, err := target.CreateBrowserContext().Do(bctx)
	if err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	tb := &tab{contextID: contextID}
	tb.cancel = func() {
		bctx, cancel := onSharedBrowser(root)
		defer cancel()
		target.DisposeBrowserContext(contextID).Do(bctx)
	}
	id, err := target.CreateTarget("about:blank").WithBrowserContextID(contextID).WithNewWindow(true).Do(bctx)
	if err != nil {
		tb.cancel()
		t.Fatalf("new window: %v", err)
	}
	ctx, cancelCtx := chromedp.NewContext(root, chromedp.WithTargetID(id))
	// Attach with the tab's own context: chromedp's event loop for the tab
	// lives as long as the context of the first Run.
	//
	// chromedp turns on the DOM, CSS and Network domains for every tab, and
	// Chromium then reports each DOM change, style sheet and request to the
	// test. The tests ask the page with scripts instead (waitVisible,
	// waitText, waitJS).
	if err := chromedp.Run(ctx, css.Disable(), dom.Disable(), network.Disable()); err != nil {
		cancelCtx()
		tb.cancel()
		t.Fatalf("attach to the new window: %v", err)
	}
	disposeContext := tb.cancel
	tb.ctx, tb.cancel = ctx, func() { cancelCtx(); disposeContext() }
	return tb
}

// onSharedBrowser is a context for commands to the shared Chromium itself.
func onSharedBrowser(root context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	return cdp.WithExecutor(ctx, chromedp.FromContext(root).Browser), cancel
}

// reset readies a passed test's tab for the next test: a blank page, no
// cookies or granted permissions, and no emulation left over. It reports
// whether the tab is fit to be used again.
func (tb *tab) reset() bool {
	if tb.ctx.Err() != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate("about:blank"),
		serviceworker.Disable(),
		emulation.SetEmulatedMedia().WithMedia(""),
		emulation.SetCPUThrottlingRate(1),
		emulation.ClearDeviceMetricsOverride(),
		emulation.ResetPageScaleFactor(),
		emulation.SetTouchEmulationEnabled(false),
		emulation.SetLocaleOverride(), // none: setUp sets it again
		chromedp.ActionFunc(func(ctx context.Context) error {
			browserCtx := cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser)
			if err := storage.ClearCookies().WithBrowserContextID(tb.contextID).Do(browserCtx); err != nil {
				return err
			}
			return browserpkg.ResetPermissions().WithBrowserContextID(tb.contextID).Do(browserCtx)
		}),
	)
	return err == nil
}

func (tb *tab) close() { tb.cancel() }

// newBrowserOwnProfile starts a Chromium of its own with a persistent
// profile, for what a browser context of the shared one cannot show:
// Chromium reports a page in such a context as not installable.
func newBrowserOwnProfile(t *testing.T, size [2]int64) *browser {
	t.Helper()
	requireBrowserTools(t)
	takeBrowserSlot(t)
	// Chromium's helpers may still write to the profile for a moment after
	// it exits, so the test removes it itself rather than via t.TempDir.
	profile, err := os.MkdirTemp("", "trappen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeProfile(profile) })
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(profile, size)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithErrorf(quietErrorf(t.Logf)))
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx}
	b.setUp(size)
	return b
}

// setUp sizes the page as a phone, tablet or desktop of size, in Danish.
func (b *browser) setUp(size [2]int64) {
	b.t.Helper()
	mobile := size[0] < 500
	b.run(emulation.SetDeviceMetricsOverride(size[0], size[1], 1, mobile))
	b.slowDown()
	if mobile {
		b.run(emulation.SetTouchEmulationEnabled(true))
	}
	b.run(emulation.SetLocaleOverride().WithLocale("da-DK"))
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, _, ua, _, err := browserpkg.GetVersion().Do(ctx)
		if err != nil {
			return err
		}
		return emulation.SetUserAgentOverride(strings.Replace(ua, "Headless", "", 1)).WithAcceptLanguage("da-DK,da").Do(ctx)
	}))
}

// slowDown makes the page slow when TRAPPEN_BROWSER_SLOW asks for it, e.g.
// "cpu=4,latency=150": the page's CPU throttled 4× and 150 ms added to every
// request. It brings out tests that read what the page has not loaded yet,
// the way a busy CI machine does now and then.
func (b *browser) slowDown() {
	b.t.Helper()
	spec := os.Getenv("TRAPPEN_BROWSER_SLOW")
	if spec == "" {
		return
	}
	for _, part := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			b.t.Fatalf("TRAPPEN_BROWSER_SLOW: bad %q", part)
		}
		switch k {
		case "cpu":
			b.run(emulation.SetCPUThrottlingRate(n))
		case "latency":
			b.run(network.Enable(), network.EmulateNetworkConditions(false, n, -1, -1))
		default:
			b.t.Fatalf("TRAPPEN_BROWSER_SLOW: unknown %q (want cpu=N,latency=MS)", k)
		}
	}
}

// waitTimeout is how long the wait helpers wait for the page.
const waitTimeout = 20 * time.Second

// quietErrorf logs chromedp's errors except the noise this chromedp version
// makes about CDP events newer than it.
func quietErrorf(logf func(string, ...any)) func(string, ...any) {
	return func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if !strings.Contains(msg, "unhandled node event") && !strings.Contains(msg, "unhandled page event") {
			logf("chromedp: %s", msg)
		}
	}
}

// run executes actions, failing the test on error.
func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v\npage text: %s", err, b.textNoFail())
	}
}

func (b *browser) textNoFail() string {
	var text string
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	chromedp.Run(ctx, chromedp.Evaluate(`location.pathname + ":\n" + (document.body ? document.body.innerText : "")`, &text))
	if len(text) > 800 {
		text = text[:800]
	}
	return text
}

// open navigates and waits for the app to render into #app.
func (b *browser) open(url string) {
	b.t.Helper()
	b.run(chromedp.Navigate(url))
	b.waitVisible(`#app main h1`)
}

// waitVisible waits until an element matching the CSS selector is on the
// page with a box of its own (what chromedp.WaitVisible checks), asking
// with a script: the DOM domain chromedp would use for it is off (newTab).
func (b *browser) waitVisible(sel string) {
	b.t.Helper()
	b.waitJS(sel, fmt.Sprintf(`(e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')(document.querySelector(%q))`, sel))
}

// fill sets the value of the input with id as typing would, firing input.
func (b *browser) fill(id, value string) {
	b.t.Helper()
	b.waitVisible("#" + id)
	js := fmt.Sprintf(`(() => { const e = document.getElementById(%q);
		const proto = e.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
		Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, %q);
		e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, id, value)
	var ok bool
	b.run(chromedp.Evaluate(js, &ok))
}

// click clicks the first element matching the CSS selector as a person
// would, once it can take the click: visible, enabled, scrolled to the middle
// of the screen (the citizen's navigation is fixed at the bottom of a phone
// screen and would take a click aimed at the viewport's edge), standing still
// for two frames (not being pushed about by data arriving above it, nor by a
// smooth scroll) and not covered by anything at the point clicked.
func (b *browser) click(sel string) {
	b.t.Helper()
	b.waitVisible(sel)
	// The page tries again every 50 ms for up to a few seconds itself (one
	// message to Chromium, see waitFor) and answers where to click or why
	// it cannot be clicked.
	attempt := fmt.Sprintf(`async () => {
		const e = document.querySelector(%q);
		if (!e) return {why: 'it is not on the page'};
		if (e.disabled || e.closest('fieldset[disabled]')) return {why: 'it is disabled'};
		e.scrollIntoView({block: 'center', inline: 'center'});
		// The first box: an inline link may wrap onto two lines.
		const box = () => { const r = e.getClientRects()[0]; return r ? [r.left, r.top, r.width, r.height] : null; };
		let r = box();
		for (let i = 0; i < 2 && r; i++) {
			await new Promise(res => requestAnimationFrame(() => res()));
			const n = box();
			if (!e.isConnected || !n || n.join() !== r.join()) return {why: 'it moves'};
			r = n;
		}
		if (!r || !r[2] || !r[3]) return {why: 'it has no size'};
		const x = r[0] + r[2] / 2, y = r[1] + r[3] / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === e || e.contains(hit))) return {why: 'it is covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing')};
		// Note whether the click reaches it: data arriving between this
		// check and the click may still move it (see below).
		window.__trappenClickSeen = false;
		e.addEventListener('click', () => { window.__trappenClickSeen = true; }, {once: true, capture: true});
		return {x, y};
	}`, sel)
	deadline := time.Now().Add(waitTimeout)
	for {
		var at struct {
			X, Y *float64
			Why  string
		}
		chunk := max(min(time.Until(deadline), 5*time.Second).Milliseconds(), 0)
		b.eval(fmt.Sprintf(`(async () => {
			const attempt = %s, until = Date.now() + %d;
			for (;;) {
				const at = await attempt();
				if (at.x !== undefined || Date.now() >= until) return at;
				await new Promise(res => setTimeout(res, 50));
			}
		})()`, attempt, chunk), &at)
		if at.X != nil && at.Y != nil {
			b.run(chromedp.MouseClickXY(*at.X, *at.Y))
			// A click that missed (the element moved after the check, say
			// when the sign-in methods arrived above it) is made again. A
			// new page (undefined) or an error (the page is leaving) means
			// it went through.
			var seen *bool
			err := chromedp.Run(b.ctx, chromedp.Evaluate(`window.__trappenClickSeen`, &seen))
			if err != nil || seen == nil || *seen {
				return
			}
			if time.Now().After(deadline) {
				b.t.Fatalf("the click on %s did not reach it; the page shows:\n%s", sel, b.textNoFail())
			}
			continue
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("could not click %s: %s; the page shows:\n%s", sel, at.Why, b.textNoFail())
		}
	}
}

// waitText waits until the page shows text.
func (b *browser) waitText(text string) {
	b.t.Helper()
	if !b.waitFor(fmt.Sprintf(`document.body && document.body.innerText.includes(%q)`, text), waitTimeout) {
		b.t.Fatalf("page never showed %q; it shows:\n%s", text, b.textNoFail())
	}
}

// waitJS waits until the JS expression is truthy (data the page loads after
// it first renders). The expression may be a promise; while it throws (say,
// on an element not there yet) it counts as false.
func (b *browser) waitJS(what, expr string) {
	b.t.Helper()
	if !b.waitFor(expr, waitTimeout) {
		b.t.Fatalf("waited in vain for %s; the page shows:\n%s", what, b.textNoFail())
	}
}

// waitFor reports whether the JS expression became truthy within d. The
// page checks it every 50 ms itself, so a wait is one message to Chromium
// rather than one per check: each message costs the browser process a few
// milliseconds of CPU, and polling from here made the browser's main thread
// the busiest thread of the suite. A check interrupted by a navigation (the
// page's scripts are gone) is asked again of the new page.
func (b *browser) waitFor(expr string, d time.Duration) bool {
	b.t.Helper()
	deadline := time.Now().Add(d)
	for {
		// At most a few seconds per message, so a wait ends near its time.
		chunk := min(time.Until(deadline), 5*time.Second).Milliseconds()
		js := fmt.Sprintf(`new Promise(resolve => {
			const until = Date.now() + %d;
			const check = () => Promise.resolve().then(() => (%s)).then(v => !!v, () => false).then(ok => {
				if (ok) resolve(true);
				else if (Date.now() >= until) resolve(false);
				else setTimeout(check, 50);
			});
			check();
		})`, max(chunk, 0), expr)
		var ok bool
		err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &ok, func(p *runtimeEvaluate) *runtimeEvaluate { return p.WithAwaitPromise(true) }))
		if err == nil && ok {
			return true
		}
		if !time.Now().Before(deadline) || b.ctx.Err() != nil {
			return false
		}
		if err != nil {
			chromedp.Run(b.ctx, chromedp.Sleep(50*time.Millisecond))
		}
	}
}

// eval evaluates a JS expression (awaiting promises) into out.
func (b *browser) eval(js string, out any) {
	b.t.Helper()
	b.run(chromedp.Evaluate(js, out, func(p *runtimeEvaluate) *runtimeEvaluate { return p.WithAwaitPromise(true) }))
}

// axe runs axe-core on the page and fails on serious or critical findings.
func (b *browser) axe(name string) {
	b.t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		b.t.Fatal(err)
	}
	var loaded bool
	b.eval(`typeof axe !== 'undefined'`, &loaded)
	if !loaded { // once per page
		b.run(chromedp.Evaluate(string(src)+";true", &loaded))
	}
	var raw string
	b.eval(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}, resultTypes: ['violations']})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0,3).map(n => n.target.join(' '))}))))`, &raw)
	var violations []map[string]any
	json.Unmarshal([]byte(raw), &violations)
	for _, v := range violations {
		b.t.Errorf("axe on %s: %v %v: %v at %v", name, v["impact"], v["id"], v["help"], v["nodes"])
	}
}

// checkLayout fails on horizontal scrolling and on touch targets under 24×24 px.
func (b *browser) checkLayout(name string) {
	b.t.Helper()
	var overflow bool
	b.eval(`document.documentElement.scrollWidth > window.innerWidth`, &overflow)
	if overflow {
		b.t.Errorf("%s scrolls horizontally", name)
	}
	var small []string
	b.eval(`[...document.querySelectorAll('a[href], button, input, select, textarea, [role=button]')]
		.filter(e => e.offsetParent !== null && !e.closest('.sr-only'))
		.filter(e => { const r = e.getBoundingClientRect();
			if (e.tagName === 'A' && getComputedStyle(e).display === 'inline' && e.closest('p, li, td')) return false;
			return r.width < 24 || r.height < 24 })
		.map(e => e.outerHTML.slice(0, 80))`, &small)
	for _, s := range small {
		b.t.Errorf("%s: touch target under 24×24 px: %s", name, s)
	}
}

// waitServiceWorker waits until a service worker controls the page.
func (b *browser) waitServiceWorker() {
	b.t.Helper()
	var ok bool
	b.eval(`navigator.serviceWorker.ready.then(() => new Promise(r => {
		if (navigator.serviceWorker.controller) return r(true);
		navigator.serviceWorker.addEventListener('controllerchange', () => r(true));
		setTimeout(() => r(!!navigator.serviceWorker.controller), 20000);
	}))`, &ok)
	if !ok {
		b.t.Fatal("no service worker took control of the page")
	}
}

func TestBrowserCaseworkerSignsIn(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	b := newBrowser(t, phone)
	b.open(s.URL + "/")
	b.waitText("Log ind")
	b.axe("the sign-in page")
	b.checkLayout("the sign-in page")

	b.fill("email", "sara@example.dk")
	b.fill("password", "not the password")
	b.click(`form button[type=submit]`)
	b.waitText("forkert")
	b.axe("the sign-in page with an error")

	b.fill("password", "a long enough password")
	b.click(`form button[type=submit]`)
	b.waitText("Sara Holm")
	b.axe("the caseworker's first page")
	b.checkLayout("the caseworker's first page")

	// The user's own language is kept on the server and follows them.
	b.click(`.language-switch`)
	b.waitText("Sign out")
	var lang string
	b.eval(`document.documentElement.lang`, &lang)
	if lang != "en" {
		t.Fatalf("html lang = %q after switching to English", lang)
	}
	b.open(s.URL + "/sagsbehandler")
	b.waitText("Sign out")
	b.click(`.language-switch`)
	b.waitText("Log ud")
}

func TestBrowserCitizenActivatesAndSignsIn(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	b := newBrowser(t, phone)
	b.open(s.URL + "/aktiver")
	b.axe("the activation page")
	b.checkLayout("the activation page")
	b.fill("invite_code", code)
	b.fill("password", "my own long password")
	b.fill("password_repeat", "my own long password")
	b.click(`form button[type=submit]`)
	b.waitText("Bo Jensen")

	b.click(`.signed-in-bar button.sign-out`)
	b.waitText("Log ind")
	b.fill("email", "bo@example.dk")
	b.fill("password", "my own long password")
	b.click(`form button[type=submit]`)
	b.waitText("Bo Jensen")
}

// firstVisitBudget is the most the first visit may transfer, compressed.
const firstVisitBudget = 100 * 1000

func TestBrowserShellOpensOfflineAndIsInstallable(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	b := newBrowserOwnProfile(t, phone)
	b.open(s.URL + "/login")
	// Everything the first visit loads: the page, then half a second more for
	// what it fetches after the load event.
	b.waitJS("the page to finish loading", `document.readyState === 'complete'`)
	var transferred int
	b.eval(`new Promise(r => setTimeout(() => r(
		performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
			.reduce((sum, e) => sum + e.transferSize, 0)), 500))`, &transferred)
	t.Logf("first visit transferred %d bytes", transferred)
	if transferred == 0 || transferred > firstVisitBudget {
		t.Errorf("first visit transferred %d bytes, budget %d", transferred, firstVisitBudget)
	}
	b.waitServiceWorker()

	var errs []*page.InstallabilityError
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		errs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	for _, e := range errs {
		t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}

	s.Stop()
	b.open(s.URL + "/login")
	b.waitText("Log ind")
	if strings.TrimSpace(b.textNoFail()) == "" {
		t.Fatal("the shell did not open offline")
	}
}
