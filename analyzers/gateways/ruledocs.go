package gateways

import "embed"

// ruleDocs holds the documentation of the family's rules, one Markdown
// file per rule (MLNNNN.md) beside the rule's Go file; each Rule's Doc is
// read from it with analyzers.MustDoc.
//
//go:embed ML*.md
var ruleDocs embed.FS
