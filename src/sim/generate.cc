#include "sim/generate.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/output_file.h"
#include "sim/claims.h"
#include "sim/lexicon.h"
#include "sim/page_maker.h"
#include "sim/script_converter.h"
#include "sim/truth_record.h"
#include "sim/zstd_stream_writer.h"

namespace sluice::sim {
namespace fs = std::filesystem;
namespace {

// "p" + digits + ".txt": the only names sluice gen writes into pages/.
bool IsPageName(const std::string& name) {
  if (name.size() < 6 || name[0] != 'p' || name.compare(name.size() - 4, 4, ".txt") != 0)
    return false;
  for (size_t i = 1; i + 4 < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9') return false;
  return true;
}

// A previous run's pages/ may be replaced; anything else in it means the user put files there.
Status CheckReplaceablePages(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Status::Ok();
  if (!fs::is_directory(dir, ec))
    return Status::InvalidInput(dir.string() + ": exists and is not a directory");
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || !IsPageName(name))
      return Status::InvalidInput(dir.string() + ": holds " + name +
                                  ", which sluice gen did not write; refusing to replace it");
  }
  if (ec) return Status::IoError(dir.string() + ": cannot list: " + ec.message());
  return Status::Ok();
}

Status WriteFile(const fs::path& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IoError(path.string() + ": cannot write");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  return ok ? Status::Ok() : Status::IoError(path.string() + ": write failed");
}

// Removes the half-built pages directory unless the run got as far as swapping it in.
struct TempDir {
  fs::path path;
  bool keep = false;
  ~TempDir() {
    std::error_code ec;
    if (!keep && !path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

Status Generate(const SimParams& p, uint64_t seed, const std::string& out_dir, GenResult* result) {
  auto t0 = std::chrono::steady_clock::now();
  SLUICE_RETURN_IF_ERROR(ValidateParams(p));
  fs::path dir(out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(out_dir + ": cannot create: " + ec.message());
  fs::path pages_dir = dir / "pages";
  SLUICE_RETURN_IF_ERROR(CheckReplaceablePages(pages_dir));

  Result<std::shared_ptr<ScriptConverter>> conv = ScriptConverter::Open();
  if (!conv.ok()) return conv.status();
  Result<std::shared_ptr<const Lexicon>> lex = Lexicon::Build(*conv.value());
  if (!lex.ok()) return lex.status();
  Result<std::vector<Claim>> claims = MakeClaims(p, *lex.value(), *conv.value(), seed);
  if (!claims.ok()) return claims.status();

  OutputFile claims_file;
  SLUICE_RETURN_IF_ERROR(claims_file.Open((dir / "claims.jsonl").string()));
  std::string buf;
  for (const Claim& c : claims.value()) buf += ClaimJson(c);
  SLUICE_RETURN_IF_ERROR(claims_file.Write(buf));

  ZstdStreamWriter events;
  SLUICE_RETURN_IF_ERROR(events.Open((dir / "events.jsonl.zst").string(), 3));
  OutputFile truth;
  SLUICE_RETURN_IF_ERROR(truth.Open((dir / "truth.jsonl").string()));
  Simulator sim(p, seed, *lex.value(), *conv.value(), claims.value());
  SLUICE_RETURN_IF_ERROR(sim.Run(&events, &truth));

  TempDir tmp;
  tmp.path = dir / ("pages.tmp." + std::to_string(::getpid()));
  fs::remove_all(tmp.path, ec);
  fs::create_directory(tmp.path, ec);
  if (ec) return Status::IoError(tmp.path.string() + ": cannot create: " + ec.message());
  PagePlan plan(p, seed);
  buf.clear();
  uint64_t page_truth = 0;
  for (uint64_t i = 0; i < plan.pages(); ++i) {
    Page page = MakePage(i, plan, p, seed, *lex.value());
    SLUICE_RETURN_IF_ERROR(WriteFile(tmp.path / page.name, page.text));
    if (page.spans.empty()) continue;
    TruthRecord r;
    r.subject = "page";
    r.id = page.name;
    r.label = "spam";
    r.spans = page.spans;
    AppendTruthJson(r, &buf);
    ++page_truth;
  }
  SLUICE_RETURN_IF_ERROR(truth.Write(buf));

  SLUICE_RETURN_IF_ERROR(events.Finish());
  SLUICE_RETURN_IF_ERROR(truth.Commit());
  SLUICE_RETURN_IF_ERROR(claims_file.Commit());
  fs::remove_all(pages_dir, ec);
  if (ec) return Status::IoError(pages_dir.string() + ": cannot replace: " + ec.message());
  fs::rename(tmp.path, pages_dir, ec);
  if (ec) return Status::IoError(pages_dir.string() + ": cannot create: " + ec.message());
  tmp.keep = true;

  result->counts = sim.counts();
  result->counts.truth_lines += page_truth;
  result->claims = claims.value().size();
  result->pages = plan.pages();
  result->spam_pages = plan.spam_pages();
  result->events_bytes = events.bytes_in();
  result->events_bytes_compressed = events.bytes_out();
  result->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return Status::Ok();
}

}  // namespace sluice::sim
