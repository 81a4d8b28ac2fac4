package graph

import "github.com/meshlint/meshlint/graph/yamldoc"

// Positions belong to the document model, which computes them; the graph
// re-exports the names, because every resource, problem and finding
// carries them and rules should need no second import to write one.
type (
	Position        = yamldoc.Position
	Range           = yamldoc.Range
	Location        = yamldoc.Location
	RelatedLocation = yamldoc.RelatedLocation
)

// Edits are yamldoc's: see yamldoc.Edit.
type (
	Edit = yamldoc.Edit
	Fix  = yamldoc.Fix
)
