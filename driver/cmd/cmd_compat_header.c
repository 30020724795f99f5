// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive compat-header: the version-guarded header that lets one
 * driver source, written for the form the rule makes, build on the
 * kernels before the change too (compat.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "atomic.h"
#include "cmd.h"
#include "cocci.h"
#include "compat.h"
#include "util.h"

static const char compat_header_usage[] =
	"usage: coccidrive compat-header [-o FILE]\n"
	"\n"
	"Prints a C header that lets one driver source, written for Linux\n"
	"4.2 and later (sock_create_kern(net, family, type, proto, &sock)),\n"
	"build on older kernels too, as the kernel backports project does:\n"
	"below 4.2, a macro makes each 5-argument call\n"
	"__sock_create(net, family, type, proto, &sock, 1).  Its comment\n"
	"says how to include it and what it does not cover.  Made from the\n"
	"rule's header (the function, its arities, the added parameter):\n"
	"the bundled rule, or $COCCIDRIVE_COCCI.\n"
	"Exit status: 0 written, 2 error (nothing written).\n";

int cmd_compat_header(int argc, char **argv)
{
	const char *output = NULL;
	struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
	struct cocci rule = { 0 };
	char *path;
	int i;
	struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE",
			   "write the header to FILE (atomically) instead of\n"
			   "stdout ('-': stdout)"),
		OPT_END(),
	};

	i = parse_options(argc, argv, opts, compat_header_usage);
	if (i < argc)
		die("compat-header: '%s': no operand is taken (see "
		    "'coccidrive compat-header --help')",
		    argv[i]);
	path = cocci_default_path(program_path);
	cocci_load(&rule, path);
	if (compat_header(&text, &rule, &why))
		die("compat-header: %s: %s", path, why.buf);
	if (output) {
		atomic_output(output, text.buf, text.len);
	} else {
		fwrite(text.buf, 1, text.len, stdout);
		if (fflush(stdout) || ferror(stdout))
			die_errno("standard output: cannot write the header");
	}
	cocci_release(&rule);
	free(path);
	strbuf_release(&text);
	strbuf_release(&why);
	return 0;
}
