/* client.c - a user's program against the installed library: prints the record of each FILE as
 * one JSON line (what `nianbao extract --format jsonl` prints), or one error line and exit 1.
 * Built by tests/api/api_test.sh with `pkg-config --cflags --libs nianbao` only. */
#include <nianbao.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        nianbao_error err;
        nianbao_record *r = nianbao_extract_path(argv[i], &err);
        if (!r) {
            fprintf(stderr, "client: %s: %s (code %d)\n", argv[i], err.message, err.code);
            rc = 1;
            continue;
        }
        printf("%s\n", nianbao_record_json(r));
        nianbao_record_free(r);
    }
    return rc;
}
