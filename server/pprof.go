package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// pprofAddr checks TRAPPEN_PPROF_ADDR: the profiler shows the program's
// memory and goroutines, so it only ever listens on a loopback address.
func pprofAddr(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	host, _, err := net.SplitHostPort(v)
	if err != nil {
		return "", fmt.Errorf("TRAPPEN_PPROF_ADDR must be host:port on loopback, e.g. 127.0.0.1:6060")
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("TRAPPEN_PPROF_ADDR must be a loopback address (127.0.0.1 or ::1), not %q", host)
	}
	return v, nil
}

// startPprof serves net/http/pprof on addr until ctx ends. It uses its own
// mux, so nothing registered on http.DefaultServeMux is exposed with it.
func startPprof(ctx context.Context, addr string, log *slog.Logger) (net.Addr, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("TRAPPEN_PPROF_ADDR: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("profiler stopped", "err", err)
		}
	}()
	log.Info("profiler listening", "addr", ln.Addr().String())
	return ln.Addr(), nil
}
