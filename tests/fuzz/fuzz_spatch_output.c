// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: reading spatch's stderr for parse errors.  spatch's
 * messages are not a stable format; whatever they say, the reader must
 * neither crash nor return a token that is not a C string.
 */
#include <stdint.h>
#include <stdlib.h>

#include "spatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_errors pe = { 0 };
	size_t i;

	spatch_parse_errors((const char *)data, size, "drivers/x.c", &pe);
	for (i = 0; i < pe.nr; i++)
		if (pe.v[i].around[sizeof(pe.v[i].around) - 1] != 0)
			abort();
	parse_errors_release(&pe);
	return 0;
}
