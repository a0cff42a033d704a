/* options.h - the one table of the command's options: --help and the man page are both printed
 * from it, and the argument parser looks options up in it, so the three cannot drift apart. */
#ifndef NB_OPTIONS_H
#define NB_OPTIONS_H

#include <stdio.h>

#define NB_DEFAULT_TIMEOUT 60   /* seconds per file before its worker is killed */
#define NB_DEFAULT_MAX_MEM 2048 /* MB of address space per worker (0 = no cap) */

enum { NB_CMD_EXTRACT = 1u, NB_CMD_CHECK = 2u, NB_CMD_CONVERT = 4u, NB_CMD_DEBUG = 8u };

typedef struct {
    const char *name;  /* "--format", or a short option "-j" */
    const char *alias; /* another spelling ("-q", "--jobs") or NULL */
    const char *arg;   /* the value's name ("json|jsonl|csv"), NULL for a flag */
    unsigned cmds;     /* NB_CMD_* that accept it */
    const char *group; /* heading in --help and the man page */
    const char *help;  /* one sentence or two; plain text */
} nb_option;

typedef struct {
    const char *name;     /* "extract" */
    unsigned id;          /* NB_CMD_* */
    const char *synopsis; /* after "nianbao NAME " */
    const char *what;     /* one line */
    const char *more;     /* a paragraph for the man page and the command's --help, or NULL */
} nb_command;

extern const nb_option nb_options[];   /* ends with name NULL */
extern const nb_command nb_commands[]; /* ends with name NULL */

/* The option spelled a (exactly, or as "a=value": *inline_val then points past '='), accepted by
 * command cmd; NULL when none. */
const nb_option *nb_option_find(const char *a, unsigned cmd, const char **inline_val);
/* `nianbao --help` (cmd 0) or `nianbao COMMAND --help`. */
void nb_usage_print(FILE *f, unsigned cmd, const char *version);
/* The man page nianbao(1), groff man. */
void nb_man_print(FILE *f, const char *version);

#endif
