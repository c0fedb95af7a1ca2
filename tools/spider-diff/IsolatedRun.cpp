//===- IsolatedRun.cpp - Compiling and running a program in a child -------===//

#include "IsolatedRun.h"

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Pipelines/Pipelines.h"
#include "spider/Tools/Jit.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlir;
using namespace spider_diff;

namespace {
// Exit statuses of a child that did not get to run the program.
enum ChildStatus {
  kSetupFailed = 111,
  kCompileFailed = 112,
  kJitFailed = 113,
  kInvokeFailed = 114,
};

/// Counts the spider.pit ops after spider-sparsify, into a pipe.
class PitCounter : public PassInstrumentation {
public:
  explicit PitCounter(int fd) : fd(fd) {}
  void runAfterPass(Pass *pass, Operation *op) override {
    if (pass->getArgument() != "spider-sparsify")
      return;
    unsigned count = 0;
    op->walk([&](spider::PitOp) { ++count; });
    (void)!::write(fd, &count, sizeof(count));
  }

private:
  int fd;
};

std::string readFile(int fd) {
  struct stat info;
  if (fstat(fd, &info) != 0)
    return "";
  // Programs that print without end are cut at 64 MiB.
  size_t size = std::min<size_t>(info.st_size, size_t(64) << 20);
  std::string text(size, '\0');
  size_t done = 0;
  while (done < size) {
    ssize_t n = pread(fd, text.data() + done, size - done, done);
    if (n <= 0)
      break;
    done += n;
  }
  text.resize(done);
  return text;
}

void resetFile(int fd) {
  (void)!ftruncate(fd, 0);
  lseek(fd, 0, SEEK_SET);
}

void flushAll() {
  llvm::outs().flush();
  llvm::errs().flush();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}
} // namespace

std::string RunOutcome::describe() const {
  switch (status) {
  case Status::Ran:
    return exitCode == 0 ? "ran" : "exit status " + std::to_string(exitCode);
  case Status::SetupFailed:
    return "could not be built";
  case Status::CompileFailed:
    return "fails to compile";
  case Status::JitFailed:
    return "fails to JIT";
  case Status::Crashed:
    return "crashed with signal " + std::to_string(signal) + " (" +
           strsignal(signal) + ")";
  case Status::TimedOut:
    return "timed out after " + std::to_string(static_cast<int>(seconds)) +
           " s";
  }
  return "?";
}

std::string RunOutcome::errTail(unsigned lines) const {
  llvm::SmallVector<llvm::StringRef> all;
  llvm::StringRef(err).rtrim().split(all, '\n');
  std::string tail;
  size_t from = all.size() > lines ? all.size() - lines : 0;
  // After a crash, the end is a stack dump: its start says more.
  if (status == Status::Crashed)
    from = 0;
  size_t to = std::min(all.size(), from + lines);
  for (size_t i = from; i < to; ++i)
    if (!all[i].trim().empty())
      tail += "    | " + all[i].str() + "\n";
  return tail;
}

IsolatedRunner::IsolatedRunner(std::string runtimeLibrary,
                               unsigned timeoutSeconds, unsigned optLevel,
                               uint64_t memoryLimitMB)
    : runtimeLibrary(std::move(runtimeLibrary)), timeoutSeconds(timeoutSeconds),
      optLevel(optLevel), memoryLimitMB(memoryLimitMB) {
  llvm::SmallString<128> out, err;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "spider-diff", "out", outFd, out)) {
    setupError = "cannot create a temporary file: " + ec.message();
    return;
  }
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "spider-diff", "err", errFd, err)) {
    setupError = "cannot create a temporary file: " + ec.message();
    return;
  }
  outPath = std::string(out);
  errPath = std::string(err);
}

IsolatedRunner::~IsolatedRunner() {
  for (int fd : {outFd, errFd})
    if (fd >= 0)
      close(fd);
  for (const std::string &path : {outPath, errPath})
    if (!path.empty())
      llvm::sys::fs::remove(path);
}

bool IsolatedRunner::valid(std::string &error) const {
  error = setupError;
  return setupError.empty();
}

RunOutcome
IsolatedRunner::run(ModuleOp base,
                    llvm::function_ref<LogicalResult(ModuleOp)> prepare,
                    llvm::StringRef entry, const RunConfig &config) {
  RunOutcome outcome;
  resetFile(outFd);
  resetFile(errFd);
  int counts[2];
  if (pipe(counts) != 0) {
    outcome.status = RunOutcome::Status::SetupFailed;
    outcome.err = std::string("cannot create a pipe: ") + strerror(errno);
    return outcome;
  }
  flushAll();
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    close(counts[0]);
    close(counts[1]);
    outcome.status = RunOutcome::Status::SetupFailed;
    outcome.err = std::string("cannot fork: ") + strerror(errno);
    return outcome;
  }
  if (pid == 0) {
    close(counts[0]);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(outFd, 1);
    dup2(errFd, 2);
    if (memoryLimitMB) {
      struct rlimit limit;
      limit.rlim_cur = limit.rlim_max = memoryLimitMB << 20;
      setrlimit(RLIMIT_AS, &limit);
    }
    int status = [&]() -> int {
      OwningOpRef<ModuleOp> module(base.clone());
      if (prepare && failed(prepare(*module)))
        return kSetupFailed;
      PassManager pm(module->getContext());
      pm.addInstrumentation(std::make_unique<PitCounter>(counts[1]));
      mlir::spider::CPUPipelineOptions options;
      options.vectorize = config.vectorize;
      options.selectTiles = config.selectTiles;
      options.cpuIsa = cpuIsa;
      options.threads = threads;
      mlir::spider::buildCPUPipeline(pm, options);
      if (failed(pm.run(*module)))
        return kCompileFailed;
      auto engine = mlir::spider::createJit(*module, optLevel, runtimeLibrary,
                                            {}, cpuIsa);
      if (!engine) {
        llvm::errs() << "spider-diff: cannot JIT the program: "
                     << llvm::toString(engine.takeError()) << "\n";
        return kJitFailed;
      }
      if (llvm::Error error = (*engine)->invokePacked(entry)) {
        llvm::errs() << "spider-diff: running @" << entry
                     << " failed: " << llvm::toString(std::move(error)) << "\n";
        return kInvokeFailed;
      }
      return 0;
    }();
    flushAll();
    _exit(status);
  }

  close(counts[1]);
  int status = 0;
  bool timedOut = false;
  for (unsigned pause = 100;;) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid)
      break;
    if (done < 0 && errno != EINTR) {
      status = 0;
      break;
    }
    if (std::chrono::steady_clock::now() - start >
        std::chrono::seconds(timeoutSeconds)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      timedOut = true;
      break;
    }
    usleep(pause);
    pause = std::min(pause * 2, 20000u);
  }
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  unsigned count;
  while (::read(counts[0], &count, sizeof(count)) == sizeof(count))
    outcome.pitOps = count;
  close(counts[0]);
  outcome.out = readFile(outFd);
  outcome.err = readFile(errFd);

  if (timedOut) {
    outcome.status = RunOutcome::Status::TimedOut;
  } else if (WIFSIGNALED(status)) {
    outcome.status = RunOutcome::Status::Crashed;
    outcome.signal = WTERMSIG(status);
  } else {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    switch (code) {
    case kSetupFailed:
      outcome.status = RunOutcome::Status::SetupFailed;
      break;
    case kCompileFailed:
      outcome.status = RunOutcome::Status::CompileFailed;
      break;
    case kJitFailed:
    case kInvokeFailed:
      outcome.status = RunOutcome::Status::JitFailed;
      break;
    default:
      outcome.exitCode = code;
    }
  }
  return outcome;
}
