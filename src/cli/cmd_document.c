/*
 * cmd_document.c - `atrack document`: source texts: imported fact sheets and the documents they cite. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "kind", "title", "source", NULL };

static const cli_noun noun = {
	"document", ATRACK_KIND_DOCUMENT, "documents",
	"Documents: imported fact sheets, and the documents they cite.",
	columns, NULL, NULL, NULL
};

int cmd_document(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
