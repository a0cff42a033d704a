/* inputs.c - the input list of a run: paths named on the command line or on stdin, folders walked
 * recursively, under one policy (like find -H and rsync), so that every entry met ends as a document,
 * an error row or a counted skip, and no file is read twice.
 *
 * The policy, on `nianbao extract in/` where in/ holds a.pdf, .cache/, x.truth.json, l -> a.pdf,
 * out -> /etc/shadow, sub -> /data, and h (a hard link to a.pdf):
 *   1. a path named by the user is followed even when it is a symlink (in/ itself could be one);
 *   2. inside a folder, names starting with '.' and *.truth.json are skips ("hidden", "ground truth"):
 *      .cache/ and x.truth.json get one skipped row each, .cache/ is not entered;
 *   3. a symlink to a folder (sub) is a skip unless -L/--follow; with -L it is entered, and a folder
 *      already on the way down (same device and inode) is an error row "symlink loop";
 *   4. a symlink to a file is followed when its target lies inside the named folder (l), and is a skip
 *      when it points outside (out, so /etc/shadow is never read) unless -L; a symlink that resolves
 *      to nothing (dangling, or a loop of links) stays in the list and becomes an error row;
 *   5. the list is sorted and repeated paths dropped; then files reached by several paths (same device
 *      and inode: l, h and a.pdf) are read once, under the path that is not a symlink and sorts first
 *      (a.pdf); the others are skips "same file as in/a.pdf";
 *   6. --shard K/N keeps every N-th entry of the final list (skips included), so machines agree.
 * Result for the example: a.pdf read; .cache, x.truth.json, out, sub, h, l skipped (6 counted). */
#include "batch.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NB_MAX_DIR_DEPTH 64 /* folder nesting followed when expanding inputs: deeper is an error row */

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    nb_inputs *out;
    int follow;
    const char *root;                /* realpath of the folder named by the user; NULL for a file */
    dir_id stack[NB_MAX_DIR_DEPTH];  /* folders on the way down: loop detection */
} walker;

static nb_input *push(nb_inputs *l, const char *path)
{
    nb_input *grown = nb_grow(l->v, l->n, &l->cap, sizeof *grown, 64);
    if (!grown)
        return NULL;
    l->v = grown;
    char *copy = strdup(path);
    if (!copy)
        return NULL;
    nb_input *in = &l->v[l->n++];
    *in = (nb_input){copy, NULL, NULL, 0, 0, 0, 0};
    return in;
}

/* A file to read: remembers its identity so that a second path to it is read once. */
static void push_file(walker *w, const char *path, const struct stat *st, int via_link)
{
    nb_input *in = push(w->out, path);
    if (in && st && S_ISREG(st->st_mode))
        *in = (nb_input){in->path, NULL, NULL, st->st_dev, st->st_ino, 1, via_link};
}

static void push_skip(walker *w, const char *path, const char *why)
{
    char *copy = strdup(why);
    nb_input *in = copy ? push(w->out, path) : NULL;
    if (in)
        in->preset_skip = copy;
    else
        free(copy);
}

static void push_error(walker *w, const char *path, const char *why)
{
    nb_input *in = push(w->out, path);
    if (in)
        in->preset_error = why;
}

static const char *policy_skip(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return "hidden (name starts with a dot)";
    if (n > 11 && !strcmp(name + n - 11, ".truth.json"))
        return "ground truth file (*.truth.json)";
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(walker *w, const char *path, const struct stat *st, int depth);

/* True when the resolved target of path lies inside the named folder. */
static int inside_root(const walker *w, const char *path)
{
    char *real = realpath(path, NULL);
    size_t n = w->root ? strlen(w->root) : 0;
    int in = real && w->root && !strncmp(real, w->root, n) && (real[n] == '/' || !strcmp(w->root, "/"));
    free(real);
    return in;
}

/* One entry met in a folder: rules 2-4 of the policy. */
static void visit(walker *w, const char *path, const char *name, int depth)
{
    const char *why = policy_skip(name);
    struct stat lst, st;
    if (why) {
        push_skip(w, path, why);
        return;
    }
    if (lstat(path, &lst) != 0) {
        push_file(w, path, NULL, 0); /* vanished: an error row from the worker */
        return;
    }
    if (!S_ISLNK(lst.st_mode)) {
        walk(w, path, &lst, depth);
        return;
    }
    if (stat(path, &st) != 0)
        push_file(w, path, NULL, 1); /* dangling or a loop of links: an error row from the worker */
    else if (S_ISDIR(st.st_mode) && !w->follow)
        push_skip(w, path, "symlink to a folder, not followed (-L follows)");
    else if (!S_ISDIR(st.st_mode) && !w->follow && !inside_root(w, path))
        push_skip(w, path, "symlink to a file outside the folder, not followed (-L follows)");
    else if (S_ISDIR(st.st_mode))
        walk(w, path, &st, depth);
    else
        push_file(w, path, &st, 1);
}

static void walk_dir(walker *w, const char *path, DIR *d, int depth)
{
    size_t n = 0, cap = 0;
    char **names = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        if ((names[n] = strdup(e->d_name)))
            n++;
    }
    if (n) /* qsort wants a valid array even for zero elements */
        qsort(names, n, sizeof *names, cmp_str);
    size_t plen = strlen(path);
    for (size_t i = 0; i < n; i++) {
        size_t len = plen + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", names[i]);
            visit(w, child, names[i], depth + 1);
            free(child);
        }
        free(names[i]);
    }
    free(names);
}

/* path with its stat (followed or not, as the caller decided): a file is listed, a folder walked. */
static void walk(walker *w, const char *path, const struct stat *st, int depth)
{
    if (!S_ISDIR(st->st_mode)) {
        push_file(w, path, st, 0);
        return;
    }
    for (int i = 0; i < depth && i < NB_MAX_DIR_DEPTH; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            push_error(w, path, "symlink loop: this folder contains itself");
            return;
        }
    if (depth >= NB_MAX_DIR_DEPTH) {
        push_error(w, path, "folder nesting deeper than 64 levels");
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        push_error(w, path, "cannot open folder");
        return;
    }
    w->stack[depth] = (dir_id){st->st_dev, st->st_ino};
    walk_dir(w, path, d, depth);
    closedir(d);
}

/* A path named by the user (rule 1): followed whatever it is. */
static void add_named(walker *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        push_file(w, path, NULL, 0); /* missing or unreadable: an error row from the worker */
        return;
    }
    char *root = S_ISDIR(st.st_mode) ? realpath(path, NULL) : NULL;
    w->root = root;
    walk(w, path, &st, 0);
    w->root = NULL;
    free(root);
}

void nb_inputs_add(nb_inputs *l, const char *arg, int follow, int nul)
{
    walker w = {.out = l, .follow = follow};
    if (strcmp(arg, "-")) {
        add_named(&w, arg);
        return;
    }
    char *line = NULL; /* one path per line, or per NUL-terminated record (-0: any name at all) */
    size_t cap = 0;
    for (ssize_t k; (k = getdelim(&line, &cap, nul ? '\0' : '\n', stdin)) > 0;) {
        while (k > 0 && (nul ? !line[k - 1] : line[k - 1] == '\n' || line[k - 1] == '\r'))
            line[--k] = 0;
        if (k)
            add_named(&w, line);
    }
    free(line);
}

static int cmp_input(const void *a, const void *b)
{
    return strcmp(((const nb_input *)a)->path, ((const nb_input *)b)->path);
}

/* Files first by identity, then the path that is no symlink, then the path that sorts first. */
static int cmp_identity(const void *a, const void *b)
{
    const nb_input *x = *(nb_input *const *)a, *y = *(nb_input *const *)b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    if (x->via_link != y->via_link)
        return x->via_link - y->via_link;
    return strcmp(x->path, y->path);
}

static int same_file(const nb_input *a, const nb_input *b)
{
    return a->dev == b->dev && a->ino == b->ino;
}

/* Rule 5: a file reached by several paths is read under one of them; the others are skips. */
static void dedupe_files(nb_inputs *l)
{
    nb_input **v = malloc((l->n + 1) * sizeof *v);
    size_t m = 0;
    for (size_t i = 0; v && i < l->n; i++)
        if (l->v[i].has_id && !l->v[i].preset_error && !l->v[i].preset_skip)
            v[m++] = &l->v[i];
    if (m)
        qsort(v, m, sizeof *v, cmp_identity);
    for (size_t i = 0, j; i < m; i = j) { /* v[i] is read; the rest of its group is skipped */
        for (j = i + 1; j < m && same_file(v[i], v[j]); j++) {
            nb_buf why = NB_BUF_INIT;
            nb_buf_puts(&why, "same file as ");
            nb_path_escape(&why, v[i]->path);
            nb_buf_puts(&why, " (hard link or symlink): read once");
            v[j]->preset_skip = nb_buf_detach(&why);
        }
    }
    free(v);
}

void nb_inputs_finish(nb_inputs *l, int shard_k, int shard_n)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, cmp_input);
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) { /* a path listed twice is one input */
        if (w > 0 && !strcmp(l->v[i].path, l->v[w - 1].path)) {
            free((char *)l->v[i].path);
            free((char *)l->v[i].preset_skip);
            continue;
        }
        l->v[w++] = l->v[i];
    }
    l->n = w;
    dedupe_files(l);
    w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (shard_n > 1 && (int)(i % (size_t)shard_n) != shard_k - 1) {
            free((char *)l->v[i].path);
            free((char *)l->v[i].preset_skip);
            continue;
        }
        l->v[w++] = l->v[i];
    }
    l->n = w;
}

void nb_inputs_free(nb_inputs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free((char *)l->v[i].path);
        free((char *)l->v[i].preset_skip);
    }
    free(l->v);
    *l = (nb_inputs){0};
}
