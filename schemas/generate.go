package schemas

// Rebuild data/ and SOURCES.md from the pinned upstream modules.
//go:generate go run ./gen
