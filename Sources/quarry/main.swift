// The quarry executable: everything lives in QuarryCLI.
import QuarryCLI

Quarry.runMain()
