package schemas

// Rebuild data/ and SOURCES.md from the pinned upstream modules, then the
// embedded bundle from data/.
//go:generate go run ./gen
//go:generate go run ./gen/bundle
