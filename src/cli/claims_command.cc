// `sluice claims import|add|remove|list --db FILE`: keeps the registry of debunked claims in a
// claim database (SQLite), which `sluice match --claims FILE` reads like a claims.jsonl.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "rumor/claim_registry.h"
#include "rumor/claim_store.h"
#include "rumor/claims_file.h"

namespace sluice::cli {
namespace {

struct ClaimsArgs {
  std::string db;
  std::vector<std::string> files;  // import
  rumor::Claim claim;              // add
  std::string published;           // add
  std::vector<std::string> ids;    // remove
  bool json = false;               // list
};

int Fail(const std::string& msg) {
  std::fprintf(stderr, "sluice claims: %s\n", msg.c_str());
  return kExitUnusable;
}

// Import, add and remove change only the stored claims, so they use the store directly and
// skip building the matching index; list opens the registry to say which claims can match.
Result<std::unique_ptr<rumor::ClaimStore>> OpenStore(const std::string& db) {
  return rumor::ClaimStore::Open(db);
}

int Import(const ClaimsArgs& a) {
  Result<std::unique_ptr<rumor::ClaimStore>> store = OpenStore(a.db);
  if (!store.ok()) return Fail(store.status().message());
  size_t n = 0;
  for (const std::string& f : a.files) {
    Result<std::vector<rumor::Claim>> claims = rumor::ReadClaims(f);
    if (!claims.ok()) return Fail(claims.status().message());
    n += claims.value().size();
    Status st = store.value()->Put(claims.value());
    if (!st.ok()) return Fail(st.message());
  }
  std::fprintf(stderr, "sluice claims: imported %zu claims into %s\n", n, a.db.c_str());
  return kExitOk;
}

int Add(const ClaimsArgs& a) {
  rumor::Claim c = a.claim;
  if (!a.published.empty()) {
    std::optional<UnixSeconds> t = ParseRfc3339(a.published);
    if (!t) return Fail("--published: not an RFC 3339 time: " + a.published);
    c.published = *t;
  }
  if (c.id.empty()) return Fail("--id: a claim needs a non-empty id");
  Result<std::unique_ptr<rumor::ClaimStore>> store = OpenStore(a.db);
  if (!store.ok()) return Fail(store.status().message());
  Status st = store.value()->Put({c});
  if (!st.ok()) return Fail(st.message());
  return kExitOk;
}

int Remove(const ClaimsArgs& a) {
  Result<std::unique_ptr<rumor::ClaimStore>> store = OpenStore(a.db);
  if (!store.ok()) return Fail(store.status().message());
  int missing = 0;
  for (const std::string& id : a.ids) {
    bool found = false;
    Status st = store.value()->Remove(id, &found);
    if (!st.ok()) return Fail(st.message());
    if (!found) {
      std::fprintf(stderr, "sluice claims: %s: no claim '%s'\n", a.db.c_str(), id.c_str());
      ++missing;
    }
  }
  return missing ? kExitFindings : kExitOk;
}

int List(const ClaimsArgs& a) {
  Result<std::unique_ptr<rumor::ClaimRegistry>> reg = rumor::ClaimRegistry::Open(a.db, rumor::RumorConfig{});
  if (!reg.ok()) return Fail(reg.status().message());
  std::string out;
  for (const rumor::ClaimInfo& info : reg.value()->List()) {
    const rumor::Claim& c = info.claim;
    out.clear();
    if (a.json) {
      out += "{\"type\":\"claim\",\"id\":";
      AppendJsonString(&out, c.id);
      out += ",\"text\":";
      AppendJsonString(&out, c.text);
      if (!c.source.empty()) out += ",\"source\":", AppendJsonString(&out, c.source);
      if (!c.verdict.empty()) out += ",\"verdict\":", AppendJsonString(&out, c.verdict);
      if (c.published != 0) out += ",\"published\":", AppendJsonString(&out, FormatRfc3339(c.published));
      out += ",\"matchable\":";
      out += info.matchable ? "true" : "false";
      out += "}\n";
    } else {
      out = c.id + "\t" + (info.matchable ? "" : "[too short to match] ") + c.text + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return kExitOk;
}

}  // namespace

void RegisterClaims(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ClaimsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "claims", "Keep the registry of debunked claims in a claim database (SQLite file)");
  cmd->require_subcommand(1);
  auto db = [&](CLI::App* sub) {
    sub->add_option("--db", args->db, "Claim database (created when missing)")->required();
  };
  CLI::App* imp = cmd->add_subcommand("import", "Add or replace claims from JSONL files");
  db(imp);
  imp->add_option("files", args->files, "claims.jsonl files (- for stdin)")->required();
  imp->callback([args, exit_code] { *exit_code = Import(*args); });

  CLI::App* add = cmd->add_subcommand("add", "Add or replace one claim");
  db(add);
  add->add_option("--id", args->claim.id, "Claim id")->required();
  add->add_option("--text", args->claim.text, "Claim text")->required();
  add->add_option("--source", args->claim.source, "Who debunked it");
  add->add_option("--verdict", args->claim.verdict, "e.g. false, misleading");
  add->add_option("--published", args->published, "When the debunk was published (RFC 3339)");
  add->callback([args, exit_code] { *exit_code = Add(*args); });

  CLI::App* rm = cmd->add_subcommand("remove", "Remove claims by id (exit 1 if one was missing)");
  db(rm);
  rm->add_option("ids", args->ids, "Claim ids")->required();
  rm->callback([args, exit_code] { *exit_code = Remove(*args); });

  CLI::App* ls = cmd->add_subcommand("list", "List claims by id");
  db(ls);
  ls->add_flag("--json", args->json, "As claims JSONL (importable again)");
  ls->callback([args, exit_code] { *exit_code = List(*args); });
}

}  // namespace sluice::cli
