// Quarry's built-in language-ID model (a fastText .ftz file, trained by scripts/lid/), compiled
// into the binary so language identification needs no download and no file beside the binary.
#include <stddef.h>

/// The model file's bytes.
const unsigned char *quarry_language_id_model(void);
/// Their count.
size_t quarry_language_id_model_size(void);
