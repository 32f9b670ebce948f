// Package pwa holds the built Progressive Web App (dist/, made by build.mjs).
package pwa

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// FS returns the built app with dist/ as its root: index.html, sw.js,
// manifest.webmanifest, asset-manifest.json, assets/ and icons/.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path; fs.Sub cannot fail on it.
	}
	return sub
}
