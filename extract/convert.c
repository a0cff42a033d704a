/* convert.c - Word 97-2003 .doc, Kingsoft .wps, RTF and ODT read through LibreOffice: the bytes are
 * converted to DOCX by `soffice` in a child process and read by the DOCX reader.
 *
 * Algorithm, for a 60 KB report.doc:
 *   1. find `soffice` on PATH (none: the error names the package libreoffice-writer-nogui);
 *   2. make a private directory /tmp/nianbao-lo-XXXXXX: in.doc (the bytes), profile/ (a fresh
 *      LibreOffice user profile whose registry turns macros off: security level "very high" and
 *      macro execution disabled, untrusted links blocked), out/;
 *   3. fork: the child gets its own process group, its own (empty) network namespace when the
 *      kernel allows one, HOME in the private directory, stdio on /dev/null, and execs
 *      soffice --headless --norestore ... --convert-to docx --outdir out/ in.doc;
 *   4. wait at most the conversion timeout (a named cap, under the worker's --timeout): on expiry
 *      the whole process group is killed and the file fails with "conversion timed out";
 *   5. read out/in.docx (none: LibreOffice could not read the file), remove the directory,
 *      run the DOCX reader on it and mark the record's format doc/wps/rtf/odt. */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONVERT_POLL_NS 20000000L /* 20 ms between looks at the child */

static const char profile_xcu[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
    "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop "
    "oor:name=\"MacroSecurityLevel\" oor:op=\"fuse\"><value>3</value></prop></item>\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop "
    "oor:name=\"DisableMacrosExecution\" oor:op=\"fuse\"><value>true</value></prop></item>\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop "
    "oor:name=\"BlockUntrustedRefererLinks\" oor:op=\"fuse\"><value>true</value></prop></item>\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Misc\"><prop "
    "oor:name=\"FirstRun\" oor:op=\"fuse\"><value>false</value></prop></item>\n"
    "</oor:items>\n";

/* The full path of soffice on PATH, or NULL. */
static char *find_soffice(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/bin:/bin";
    nb_buf b = NB_BUF_INIT;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ":");
        nb_buf_clear(&b);
        nb_buf_put(&b, n ? p : ".", n ? n : 1);
        nb_buf_puts(&b, "/soffice");
        if (!b.oom && access(b.ptr, X_OK) == 0)
            return nb_buf_detach(&b);
        p += n + (p[n] == ':');
    }
    nb_buf_free(&b);
    return NULL;
}

static int write_file(const char *path, const char *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (len) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return close(fd);
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(p);
    return 0;
}

/* The child: own group, no network, quiet, then soffice. Never returns. */
static void run_child(const char *soffice, const char *dir, const char *ext)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a worker killed by --timeout takes LibreOffice with it */
    if (unshare(CLONE_NEWNET) != 0)
        (void)unshare(CLONE_NEWUSER | CLONE_NEWNET); /* unprivileged: a user namespace first */
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0), dup2(null, 1), dup2(null, 2);
    }
    char profile[600], outdir[600], in[600];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    snprintf(in, sizeof in, "%s/in.%s", dir, ext);
    setenv("HOME", dir, 1);
    setenv("SAL_USE_VCLPLUGIN", "svp", 1);
    execl(soffice, "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
          "--nolockcheck", profile, "--convert-to", "docx:MS Word 2007 XML", "--outdir", outdir, in,
          (char *)NULL);
    _exit(127);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Waits for the child up to secs; kills its process group when that passes. 0 = exited. */
static int wait_child(pid_t pid, double secs)
{
    double end = now_s() + secs;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            break;
        if (now_s() >= end) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        struct timespec ts = {0, CONVERT_POLL_NS};
        nanosleep(&ts, NULL);
    }
    kill(-pid, SIGKILL); /* helpers LibreOffice left behind in its group */
    return 0;
}

/* Reads dir/out/in.docx into a malloc'ed buffer. */
static char *read_output(const char *dir, size_t *len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/out/in.docx", dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (size_t)st.st_size > NB_MAX_CONVERT_OUTPUT) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}

/* Makes the private directory with the input and the macro-less profile; 0 on success. */
static int prepare(char *dir, size_t cap, const char *buf, size_t len, const char *ext)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strpbrk(tmp, " %#?\"'\\") || strlen(tmp) > 200)
        tmp = "/tmp"; /* the profile goes into a file:// URL: keep it plain */
    snprintf(dir, cap, "%s/nianbao-lo-XXXXXX", tmp);
    if (!mkdtemp(dir))
        return -1;
    char p[600];
    snprintf(p, sizeof p, "%s/in.%s", dir, ext);
    int ok = write_file(p, buf, len) == 0;
    snprintf(p, sizeof p, "%s/out", dir);
    ok = ok && mkdir(p, 0700) == 0;
    snprintf(p, sizeof p, "%s/profile", dir);
    ok = ok && mkdir(p, 0700) == 0;
    snprintf(p, sizeof p, "%s/profile/user", dir);
    ok = ok && mkdir(p, 0700) == 0;
    snprintf(p, sizeof p, "%s/profile/user/registrymodifications.xcu", dir);
    ok = ok && write_file(p, profile_xcu, sizeof profile_xcu - 1) == 0;
    return ok ? 0 : -1;
}

/* Runs the conversion; returns the DOCX bytes (malloc'ed) or NULL with err. */
static char *convert(const char *soffice, const char *buf, size_t len, const char *ext,
                     size_t *outlen, nb_err *err)
{
    char dir[300];
    char *docx = NULL;
    double secs = nb_limits_get()->convert_secs;
    if (prepare(dir, sizeof dir, buf, len, ext) != 0) {
        nb_err_set(err, NB_EIO, "cannot prepare a LibreOffice conversion in %s: %s", dir,
                   strerror(errno));
    } else {
        pid_t pid = fork();
        if (pid == 0)
            run_child(soffice, dir, ext);
        if (pid < 0)
            nb_err_set(err, NB_EIO, "cannot start LibreOffice: %s", strerror(errno));
        else if (wait_child(pid, secs) != 0)
            nb_err_set(err, NB_ELIMIT, "LibreOffice conversion timed out after %.0f s", secs);
        else if (!(docx = read_output(dir, outlen)))
            nb_err_set(err, NB_EFORMAT, "LibreOffice could not convert this %s file (corrupt?)", ext);
    }
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return docx;
}

nb_doc *nb_office_read(const char *buf, size_t len, const char *path, nb_format fmt, nb_err *err)
{
    const char *ext = nb_format_name(fmt);
    char *soffice = find_soffice();
    if (!soffice) {
        nb_err_set(err, NB_EUNSUPPORTED,
                   "a .%s document needs LibreOffice to be read: apt-get install "
                   "libreoffice-writer-nogui (or save it as .docx)", ext);
        return NULL;
    }
    size_t n = 0;
    char *docx = convert(soffice, buf, len, ext, &n, err);
    free(soffice);
    if (!docx)
        return NULL;
    nb_doc *doc = nb_docx_read(docx, n, path, err);
    free(docx);
    if (doc)
        doc->format = fmt;
    return doc;
}
