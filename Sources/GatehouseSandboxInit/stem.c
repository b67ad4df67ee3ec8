// The stem mode of gatehouse-sandbox-init: a process started ahead of time, on the host, that
// joins a fresh control group and then waits for the command line it is to become (bwrap).
// Joining a group and starting a shell cost milliseconds per sandbox; a stem pays them before
// anyone asks for a sandbox, so a start is one exec.
//
//   gatehouse-sandbox-init --stem PROCS_FILE...     (descriptor 3: the control socket)
//
// Protocol on descriptor 3: the stem writes "R" once it is in every group (or "F" and a reason,
// then exits 125). Gatehouse then sends a 4-byte little-endian length and that many bytes of
// NUL-terminated strings: CPU seconds ("" for no limit), the seccomp program's path ("" for
// none), the executable, the argument count, the arguments, then "NAME=VALUE" environment
// entries. The stem sets RLIMIT_CPU and umask 022, opens the seccomp program on descriptor 3,
// and executes. End of file instead of a request (Gatehouse discarded the stem, or exited)
// makes it exit quietly.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONTROL 3
#define MAX_REQUEST (4 << 20)
#define MAX_STRINGS 65536

static void fail(const char *what) {
    char message[512];
    int length = snprintf(message, sizeof message, "F%s: %s", what, strerror(errno));
    if (length > 0) (void)!write(CONTROL, message, (size_t)length < sizeof message ? (size_t)length : sizeof message);
    _exit(125);
}

static int read_all(int fd, char *buffer, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t count = read(fd, buffer + done, length - done);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return -1;
        done += (size_t)count;
    }
    return 0;
}

int stem_main(int argc, char **argv) {
    for (int i = 2; i < argc; i++) {
        int fd = open(argv[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write(fd, "0", 1) != 1) fail("cannot join the control group");
        close(fd);
    }
    if (write(CONTROL, "R", 1) != 1) _exit(0);

    unsigned char header[4];
    if (read_all(CONTROL, (char *)header, sizeof header) != 0) _exit(0);
    uint32_t length = (uint32_t)header[0] | (uint32_t)header[1] << 8 | (uint32_t)header[2] << 16
        | (uint32_t)header[3] << 24;
    if (length == 0 || length > MAX_REQUEST) _exit(125);
    char *request = malloc(length + 1);
    if (request == NULL || read_all(CONTROL, request, length) != 0) _exit(125);
    request[length] = '\0';

    char *strings[MAX_STRINGS];
    int count = 0;
    for (char *cursor = request; cursor < request + length && count < MAX_STRINGS; cursor += strlen(cursor) + 1)
        strings[count++] = cursor;
    if (count < 4) _exit(125);
    long arguments = strtol(strings[3], NULL, 10);
    if (arguments < 1 || 4 + arguments > count) _exit(125);

    char **child_argv = calloc((size_t)arguments + 1, sizeof(char *));
    char **child_envp = calloc((size_t)(count - 4 - arguments) + 1, sizeof(char *));
    if (child_argv == NULL || child_envp == NULL) _exit(125);
    for (long i = 0; i < arguments; i++) child_argv[i] = strings[4 + i];
    for (long i = 4 + arguments, j = 0; i < count; i++, j++) child_envp[j] = strings[i];

    if (strings[0][0] != '\0') {
        rlim_t seconds = (rlim_t)strtoull(strings[0], NULL, 10);
        struct rlimit limit = {seconds, seconds};
        if (setrlimit(RLIMIT_CPU, &limit) != 0) {
            fprintf(stderr, "gatehouse: cannot set the CPU time limit: %s\n", strerror(errno));
            _exit(125);
        }
    }
    umask(022);
    close(CONTROL);
    if (strings[1][0] != '\0') {
        int seccomp = open(strings[1], O_RDONLY);
        if (seccomp < 0) {
            fprintf(stderr, "gatehouse: cannot open the seccomp program: %s\n", strerror(errno));
            _exit(125);
        }
        if (seccomp != CONTROL) {
            if (dup2(seccomp, CONTROL) < 0) _exit(125);
            close(seccomp);
        }
    }
    execve(strings[2], child_argv, child_envp);
    fprintf(stderr, "gatehouse: cannot run %s: %s\n", strings[2], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
}
