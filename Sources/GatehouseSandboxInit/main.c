// gatehouse-sandbox-init: the first program inside a namespace sandbox, before the command.
//
// It links against the C library only, so it runs in any root the sandbox has. It
//   1. bridges 127.0.0.1:PORT inside the sandbox's own network namespace to Gatehouse's egress
//      proxy, a Unix socket bound into the sandbox (--proxy SOCKET:PORT); the sandbox has no
//      other network;
//   2. with --user UID:GID (inside a microVM, where it starts as the guest's root), becomes that
//      user with no supplementary groups and no capabilities at all, bounding set included, so
//      the command can neither mount, unmount nor remount anything, even when UID is 0;
//   3. restricts writes with Landlock to the directories given by --write (the workspace and
//      /tmp), where the kernel has Landlock;
//   4. executes the command, which keeps its process id, so its exit status is the sandbox's.
//
//   gatehouse-sandbox-init [--proxy SOCKET:PORT] [--user UID:GID] [--write DIR]... -- COMMAND [ARG]...
//   gatehouse-sandbox-init --landlock-abi      prints the kernel's Landlock ABI version (0: none)
//   gatehouse-sandbox-init --stem PROCS_FILE...  waits, in its control groups, to become a
//                                              sandbox's bwrap (stem.c)
//   gatehouse-sandbox-init --stdio-to SOCKET   copies standard input and output to and from the
//                                              Unix socket (QEMU runs this for each connection a
//                                              microVM makes to its proxy address)

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

#define MAX_WRITABLE 16

static void die(const char *what) {
    fprintf(stderr, "gatehouse-sandbox-init: %s: %s\n", what, strerror(errno));
    _exit(126);
}

static int landlock_abi(void) {
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : (int)abi;
}

// Becomes uid:gid without any capability: the bounding set first (that needs CAP_SETPCAP),
// then the groups and ids, then the remaining sets, then no new privileges. Each step is
// checked; a sandbox that could not drop everything does not run.
static void drop_to(uid_t uid, gid_t gid) {
    for (int cap = 0; cap <= 63; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) die("PR_CAPBSET_DROP");
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) die("PR_CAP_AMBIENT");
    if (setgroups(0, NULL) != 0) die("setgroups");
    if (setresgid(gid, gid, gid) != 0) die("setresgid");
    if (setresuid(uid, uid, uid) != 0) die("setresuid");
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0) die("capset");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("PR_SET_NO_NEW_PRIVS");
    if (syscall(SYS_capget, &header, data) != 0) die("capget");
    if (data[0].effective | data[0].permitted | data[0].inheritable | data[1].effective | data[1].permitted |
        data[1].inheritable) {
        fprintf(stderr, "gatehouse-sandbox-init: capabilities remain after dropping them\n");
        _exit(126);
    }
}

// Writes (create, delete, rename, change) only beneath `dirs`; reads stay as the mounts allow.
static void restrict_writes(char **dirs, int count) {
    int abi = landlock_abi();
    if (abi < 1) return;
    uint64_t write_access = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                            LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                            LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                            LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                            LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2) write_access |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) write_access |= LANDLOCK_ACCESS_FS_TRUNCATE;
    struct landlock_ruleset_attr attr = {.handled_access_fs = write_access};
    int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (ruleset < 0) die("landlock_create_ruleset");
    for (int i = 0; i < count; i++) {
        struct landlock_path_beneath_attr beneath = {.allowed_access = write_access};
        beneath.parent_fd = open(dirs[i], O_PATH | O_CLOEXEC | O_DIRECTORY);
        if (beneath.parent_fd < 0) die(dirs[i]);
        if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) != 0)
            die("landlock_add_rule");
        close(beneath.parent_fd);
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("PR_SET_NO_NEW_PRIVS");
    if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) die("landlock_restrict_self");
    close(ruleset);
}

// Copies bytes both ways between a peer (read from `in`, written to `out`: one socket, or
// standard input and output) and `socket_fd`, until both directions are closed.
static void relay(int in, int out, int socket_fd) {
    char buffer[65536];
    struct pollfd fds[2] = {{.fd = in, .events = POLLIN}, {.fd = socket_fd, .events = POLLIN}};
    int open_ends = 2;
    while (open_ends > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            int target = i == 0 ? socket_fd : out;
            if (n <= 0) {
                // Half-close the other side; a pipe (standard output) cannot be, so it closes.
                if (shutdown(target, SHUT_WR) != 0) close(target);
                fds[i].fd = -1;
                open_ends--;
                continue;
            }
            for (ssize_t sent = 0; sent < n;) {
                ssize_t w = write(target, buffer + sent, (size_t)(n - sent));
                if (w <= 0) return;
                sent += w;
            }
        }
    }
}

// Listens on 127.0.0.1:port and forwards each connection to the Unix socket at `path`, in a
// process of its own that dies with the sandbox's pid namespace.
static void start_bridge(const char *path, int port) {
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) die("socket");
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0) die("bind 127.0.0.1");
    if (listen(listener, 64) != 0) die("listen");
    pid_t bridge = fork();
    if (bridge < 0) die("fork");
    if (bridge > 0) {
        close(listener);
        return;
    }
    signal(SIGCHLD, SIG_IGN);  // connection handlers are reaped by the kernel
    for (;;) {
        int client = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR) continue;
            _exit(0);
        }
        pid_t handler = fork();
        if (handler == 0) {
            close(listener);
            int upstream = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            struct sockaddr_un unix_address = {.sun_family = AF_UNIX};
            strncpy(unix_address.sun_path, path, sizeof unix_address.sun_path - 1);
            if (upstream >= 0 &&
                connect(upstream, (struct sockaddr *)&unix_address, sizeof unix_address) == 0) {
                relay(client, client, upstream);
            }
            _exit(0);
        }
        close(client);
    }
}

int stem_main(int argc, char **argv);

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--stem") == 0) return stem_main(argc, argv);
    char *writable[MAX_WRITABLE];
    int writable_count = 0;
    int change_user = 0;
    uid_t user_uid = 0;
    gid_t user_gid = 0;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--landlock-abi") == 0) {
            printf("%d\n", landlock_abi());
            return 0;
        } else if (strcmp(argv[i], "--stdio-to") == 0 && i + 1 < argc) {
            int upstream = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            struct sockaddr_un unix_address = {.sun_family = AF_UNIX};
            strncpy(unix_address.sun_path, argv[i + 1], sizeof unix_address.sun_path - 1);
            if (upstream < 0 || connect(upstream, (struct sockaddr *)&unix_address, sizeof unix_address) != 0)
                die("connect to the proxy");
            relay(0, 1, upstream);
            return 0;
        } else if (strcmp(argv[i], "--write") == 0 && i + 1 < argc) {
            if (writable_count == MAX_WRITABLE) {
                fprintf(stderr, "gatehouse-sandbox-init: too many --write directories\n");
                return 126;
            }
            writable[writable_count++] = argv[++i];
        } else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc) {
            unsigned long uid, gid;
            char extra;
            if (sscanf(argv[++i], "%lu:%lu%c", &uid, &gid, &extra) != 2 || uid > 0xfffffffeUL || gid > 0xfffffffeUL) {
                fprintf(stderr, "gatehouse-sandbox-init: --user takes UID:GID\n");
                return 126;
            }
            user_uid = (uid_t)uid;
            user_gid = (gid_t)gid;
            change_user = 1;
        } else if (strcmp(argv[i], "--proxy") == 0 && i + 1 < argc) {
            char *spec = argv[++i];
            char *colon = strrchr(spec, ':');
            if (colon == NULL) {
                fprintf(stderr, "gatehouse-sandbox-init: --proxy takes SOCKET:PORT\n");
                return 126;
            }
            *colon = '\0';
            start_bridge(spec, atoi(colon + 1));
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            fprintf(stderr, "gatehouse-sandbox-init: unknown argument %s\n", argv[i]);
            return 126;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "gatehouse-sandbox-init: no command after --\n");
        return 126;
    }
    if (change_user) drop_to(user_uid, user_gid);
    restrict_writes(writable, writable_count);
    execvp(argv[i], argv + i);
    fprintf(stderr, "gatehouse-sandbox-init: cannot run %s: %s\n", argv[i], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
