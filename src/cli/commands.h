// The `sluice` subcommands. Each Register* adds one subcommand to the app; when the user picks
// it, its callback runs and stores the process exit code in *exit_code.
//
// Exit codes, for every command: 0 success; 1 the command ran but found problems in its input
// (rejected records, for validate); 2 unusable input or usage error (missing file, bad flag).
#pragma once

#include <CLI/CLI.hpp>

namespace sluice::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUnusable = 2;

void RegisterScan(CLI::App& app, int* exit_code);
void RegisterValidate(CLI::App& app, int* exit_code);
void RegisterImport(CLI::App& app, int* exit_code);
void RegisterEval(CLI::App& app, int* exit_code);
void RegisterGen(CLI::App& app, int* exit_code);
void RegisterCases(CLI::App& app, int* exit_code);
void RegisterMatch(CLI::App& app, int* exit_code);
void RegisterClaims(CLI::App& app, int* exit_code);
void RegisterClean(CLI::App& app, int* exit_code);
void RegisterCoord(CLI::App& app, int* exit_code);

}  // namespace sluice::cli
