/* core.proc: fork, a socket pair per worker, poll, wait and kill, for bin/pith's
 * worker pool (lua/pith/cli/workers.lua). Lua has no processes of its own.
 *
 * Sockets rather than pipes: send(MSG_NOSIGNAL) turns a write to a worker that
 * has just died into EPIPE instead of a SIGPIPE that would kill the parent.
 * Every call retries EINTR and reports errors as nil, message (never raises
 * for a system error). */
#define _POSIX_C_SOURCE 200809L
#ifdef __linux__
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <sched.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "pith_int.h"

/* The largest poll set: far above any sensible -j. */
#define PROC_MAX_FDS  1024
#define PROC_RECV_MAX ((lua_Integer)1 << 24)
#define PROC_SNDBUF   (1 << 20)
/* What recv reads when nothing is queued yet (it then blocks for the first bytes). */
#define PROC_RECV_MIN 4096

static int fail_errno(lua_State *L, const char *what) {
  int e = errno;
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", what, strerror(e));
  lua_pushinteger(L, e);
  return 3;
}

static int check_fd(lua_State *L, int i) {
  lua_Integer fd = luaL_checkinteger(L, i);
  luaL_argcheck(L, fd >= 0 && fd <= 65535, i, "not a file descriptor");
  return (int)fd;
}

/* proc.fork() -> pid (0 in the child) | nil, err. Flushes C stdio first so
 * that buffered output cannot be written twice. On Linux the child is killed
 * when the parent dies (pith | head: the parent may die of SIGPIPE, and a
 * worker deep in a page must not run on alone). */
static int l_fork(lua_State *L) {
  pid_t pid, parent = getpid();
  fflush(NULL);
  pid = fork();
  if (pid < 0) return fail_errno(L, "fork");
#ifdef __linux__
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1); /* the parent died before prctl */
  }
#else
  (void)parent;
#endif
  lua_pushinteger(L, (lua_Integer)pid);
  return 1;
}

/* proc.socketpair() -> fd, fd | nil, err (a connected stream pair, close-on-exec).
 * The first end's send buffer is raised to PROC_SNDBUF (as far as the system
 * allows): the pool queues a few pages to a busy worker, and its sends must
 * fit in the buffer so that the parent never blocks on a worker. */
static int l_socketpair(lua_State *L) {
  int sv[2], i, size = PROC_SNDBUF;
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return fail_errno(L, "socketpair");
  for (i = 0; i < 2; i++)
    fcntl(sv[i], F_SETFD, FD_CLOEXEC);
  (void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  lua_pushinteger(L, sv[0]);
  lua_pushinteger(L, sv[1]);
  return 2;
}

/* proc.send(fd, s) -> true | nil, err: all of s, blocking. */
static int l_send(lua_State *L) {
  int fd = check_fd(L, 1);
  size_t n, done = 0;
  const char *s = luaL_checklstring(L, 2, &n);
  while (done < n) {
    ssize_t w = send(fd, s + done, n - done, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return fail_errno(L, "send");
    }
    done += (size_t)w;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* proc.recv(fd, max) -> bytes ("" at end of stream) | nil, err. Blocks until
 * something is there, then takes at most max bytes. The buffer is sized to
 * what the socket holds (FIONREAD), not to max: a large max must not cost a
 * large allocation (an mmap and its page faults) on every call. */
static int l_recv(lua_State *L) {
  int fd = check_fd(L, 1), avail = 0;
  lua_Integer max = luaL_checkinteger(L, 2);
  size_t want;
  luaL_Buffer b;
  char *p;
  ssize_t r;
  luaL_argcheck(L, max > 0 && max <= PROC_RECV_MAX, 2, "size out of range");
  if (ioctl(fd, FIONREAD, &avail) != 0 || avail <= 0) avail = PROC_RECV_MIN;
  want = (size_t)avail < (size_t)max ? (size_t)avail : (size_t)max;
  p = luaL_buffinitsize(L, &b, want);
  do {
    r = read(fd, p, want);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return fail_errno(L, "read");
  luaL_pushresultsize(&b, (size_t)r);
  return 1;
}

/* proc.sndbuf(fd) -> bytes the socket's send buffer holds (SO_SNDBUF, which
 * Linux reports doubled for its bookkeeping) | nil, err */
static int l_sndbuf(lua_State *L) {
  int fd = check_fd(L, 1), size = 0;
  socklen_t len = sizeof size;
  if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &len) != 0)
    return fail_errno(L, "getsockopt");
  lua_pushinteger(L, size);
  return 1;
}

/* proc.close(fd) -> true | nil, err */
static int l_close(lua_State *L) {
  if (close(check_fd(L, 1)) != 0 && errno != EINTR) return fail_errno(L, "close");
  lua_pushboolean(L, 1);
  return 1;
}

/* proc.poll({fd, ...}, timeout_ms) -> {[fd] = true for each readable or
 * closed fd} | nil, err. A negative timeout waits forever; a signal gives an
 * empty set. */
static int l_poll(lua_State *L) {
  struct pollfd fds[PROC_MAX_FDS];
  lua_Integer timeout = luaL_optinteger(L, 2, -1);
  lua_Integer n, i;
  int r;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = (lua_Integer)lua_rawlen(L, 1);
  luaL_argcheck(L, n <= PROC_MAX_FDS, 1, "too many descriptors");
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, 1, i + 1);
    fds[i].fd = check_fd(L, -1);
    fds[i].events = POLLIN;
    fds[i].revents = 0;
    lua_pop(L, 1);
  }
  if (timeout > 24 * 3600 * 1000) timeout = 24 * 3600 * 1000;
  r = poll(fds, (nfds_t)n, timeout < 0 ? -1 : (int)timeout);
  if (r < 0 && errno != EINTR) return fail_errno(L, "poll");
  lua_createtable(L, 0, r > 0 ? r : 0);
  for (i = 0; r > 0 && i < n; i++) {
    if (fds[i].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
      lua_pushboolean(L, 1);
      lua_rawseti(L, -2, fds[i].fd);
    }
  }
  return 1;
}

/* proc.wait(pid [, nohang]) -> pid, "exit" | "signal", code ; 0 when nohang and
 * the child still runs ; nil, err. */
static int l_wait(lua_State *L) {
  pid_t pid = (pid_t)luaL_checkinteger(L, 1);
  int status = 0, nohang = lua_toboolean(L, 2);
  pid_t r;
  do {
    r = waitpid(pid, &status, nohang ? WNOHANG : 0);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return fail_errno(L, "waitpid");
  lua_pushinteger(L, (lua_Integer)r);
  if (r == 0) return 1;
  if (WIFSIGNALED(status)) {
    lua_pushliteral(L, "signal");
    lua_pushinteger(L, WTERMSIG(status));
  } else {
    lua_pushliteral(L, "exit");
    lua_pushinteger(L, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  return 3;
}

/* proc.kill(pid [, "KILL" | "TERM"]) -> true | nil, err */
static int l_kill(lua_State *L) {
  static const char *const names[] = {"KILL", "TERM", NULL};
  static const int sigs[] = {SIGKILL, SIGTERM};
  pid_t pid = (pid_t)luaL_checkinteger(L, 1);
  int which = luaL_checkoption(L, 2, "KILL", names);
  luaL_argcheck(L, pid > 0, 1, "not a process id");
  if (kill(pid, sigs[which]) != 0) return fail_errno(L, "kill");
  lua_pushboolean(L, 1);
  return 1;
}

/* proc.exit(code): ends the process now, without flushing the stdio buffers
 * it shares with its parent (what a forked worker must do). */
static int l_exit(lua_State *L) {
  _exit((int)luaL_optinteger(L, 1, 0));
  return 0;
}

/* proc.isatty(fd) -> boolean */
static int l_isatty(lua_State *L) {
  lua_pushboolean(L, isatty(check_fd(L, 1)) == 1);
  return 1;
}

/* proc.now() -> seconds on a monotonic clock (for rates and timeouts). */
static int l_now(lua_State *L) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return fail_errno(L, "clock_gettime");
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
  return 1;
}

/* proc.ncpu() -> the processors this process may run on (its CPU affinity,
 * as nproc counts them), else those online | nil. bin/pith's default -j: a
 * system call instead of running nproc through a shell. */
static int l_ncpu(lua_State *L) {
  long n = -1;
#ifdef __linux__
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
#endif
#ifdef _SC_NPROCESSORS_ONLN
  if (n < 1) n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
  if (n < 1) {
    luaL_pushfail(L);
    return 1;
  }
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

/* proc.keep_heap(trim_bytes, mmap_bytes) -> true | nil (not glibc). For
 * bin/pith, which owns its process (never the library): freed heap up to
 * trim_bytes stays with the process, and blocks under mmap_bytes come from
 * the heap. glibc's defaults hand the heap back after each large page and map
 * each large buffer afresh, so the next page takes the same memory again one
 * page fault at a time: a fault is a few microseconds on a virtual machine,
 * and pith -j pays it in every worker. */
static int l_keep_heap(lua_State *L) {
  lua_Integer trim = luaL_checkinteger(L, 1), map = luaL_checkinteger(L, 2);
  luaL_argcheck(L, trim >= 0 && trim <= INT_MAX, 1, "out of range");
  luaL_argcheck(L, map >= 0 && map <= INT_MAX, 2, "out of range");
#ifdef __GLIBC__
  if (mallopt(M_TRIM_THRESHOLD, (int)trim) == 1 &&
      mallopt(M_MMAP_THRESHOLD, (int)map) == 1) {
    lua_pushboolean(L, 1);
    return 1;
  }
#endif
  luaL_pushfail(L);
  return 1;
}

/* proc.getpid() -> pid */
static int l_getpid(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)getpid());
  return 1;
}

void pith__open_proc(lua_State *L) {
  static const luaL_Reg funcs[] = {{"fork", l_fork},
                                   {"socketpair", l_socketpair},
                                   {"send", l_send},
                                   {"recv", l_recv},
                                   {"close", l_close},
                                   {"poll", l_poll},
                                   {"wait", l_wait},
                                   {"kill", l_kill},
                                   {"exit", l_exit},
                                   {"isatty", l_isatty},
                                   {"now", l_now},
                                   {"getpid", l_getpid},
                                   {"sndbuf", l_sndbuf},
                                   {"ncpu", l_ncpu},
                                   {"keep_heap", l_keep_heap},
                                   {NULL, NULL}};
  luaL_newlib(L, funcs);
  lua_setfield(L, -2, "proc");
}
