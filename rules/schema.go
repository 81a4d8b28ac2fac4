package rules

import _ "embed"

// InputSchema is the JSON Schema of the input a policy reads over the
// whole mesh (its resource definition is what a conftest-style policy
// reads), for editors' completion.
//
//go:embed schema/input.schema.json
var InputSchema []byte
