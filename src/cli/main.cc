// sluice: the command-line entry point. Subcommands live one per file (see commands.h).
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"sluice: find rumors, water armies and injected spam on a social platform"};
  app.set_version_flag("--version", "sluice 0.1.0");
  app.require_subcommand(1);
  int exit_code = sluice::cli::kExitOk;
  sluice::cli::RegisterScan(app, &exit_code);
  sluice::cli::RegisterValidate(app, &exit_code);
  sluice::cli::RegisterGen(app, &exit_code);
  sluice::cli::RegisterEval(app, &exit_code);
  sluice::cli::RegisterImport(app, &exit_code);
  sluice::cli::RegisterCases(app, &exit_code);
  sluice::cli::RegisterMatch(app, &exit_code);
  sluice::cli::RegisterClaims(app, &exit_code);
  sluice::cli::RegisterClean(app, &exit_code);
  sluice::cli::RegisterCoord(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : sluice::cli::kExitUnusable;
  }
  std::fflush(stdout);
  return exit_code;
}
