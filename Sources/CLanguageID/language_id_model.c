// Embeds lid.ftz (beside this file) with C23 #embed (clang 19 and later): the bytes are part of
// the binary's read-only data, and Swift reads them through the two functions below.
#include "language_id_model.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char model[] = {
#embed "lid.ftz"
};

const unsigned char *quarry_language_id_model(void) { return model; }
size_t quarry_language_id_model_size(void) { return sizeof model; }
