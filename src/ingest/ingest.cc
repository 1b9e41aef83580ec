#include "ingest/ingest.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "ingest/line_reader.h"
#include "ingest/record_parser.h"

namespace sluice {

std::string TokenSalt(const std::string& fallback) {
  const char* env = std::getenv("SLUICE_SALT");
  return env != nullptr && *env != '\0' ? std::string(env) : fallback;
}

Status CheckInputs(const std::vector<std::string>& inputs) {
  int stdin_uses = 0;
  for (const std::string& path : inputs) {
    if (path == "-") {
      if (++stdin_uses > 1) return Status::InvalidInput("-: stdin can be read only once");
      continue;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
      return Status::InvalidInput(path + ": is a directory, not a file of events");
    if (::access(path.c_str(), R_OK) != 0)
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  }
  return Status::Ok();
}

namespace {

// Ingest runs as two stages on two threads: the reader thread splits lines and parses them into
// Batches; the calling thread adds each batch's records to the WorldBuilder and writes rejects.
// Parsing and building each take about half the time, so the pipeline nearly doubles throughput
// on two cores while keeping the single-threaded order of records and rejects.

constexpr size_t kRawKeep = 1024;           // bytes of each line kept for a possible reject
constexpr size_t kArenaBytes = 8u << 20;    // a batch's string arena; never reallocated
constexpr size_t kMaxEntries = 16384;
constexpr size_t kQueueDepth = 3;

struct Batch {
  enum Kind : uint8_t { kRecord, kReject, kBlank };
  struct Entry {
    uint64_t line;
    uint64_t full_length;
    std::string_view raw;  // the line's first kRawKeep bytes, in the arena
    uint32_t index;        // into records or rejections
    Kind kind;
  };
  std::string arena;
  std::vector<Record> records;
  std::vector<Rejection> rejections;
  std::vector<Entry> entries;
  size_t n_records = 0, n_rejections = 0;
  size_t file_index = 0;
  bool file_done = false;   // the last batch of its file: bytes_in/out are final
  uint64_t bytes_in = 0, bytes_out = 0;
  bool end = false;         // no more batches follow
  Status status;            // a fatal input error ends the run

  Batch() { arena.reserve(kArenaBytes); }
  void Reset() {
    arena.clear();
    entries.clear();
    n_records = n_rejections = 0;
    file_done = end = false;
    bytes_in = bytes_out = 0;
    status = Status::Ok();
  }
  bool Fits(size_t bytes) const {
    return arena.size() + bytes <= arena.capacity() && entries.size() < kMaxEntries;
  }
  std::string_view Copy(std::string_view s) {
    size_t at = arena.size();
    arena.append(s);
    return std::string_view(arena.data() + at, s.size());
  }
};

// Upper bound of the arena bytes a parsed record's strings need: the line itself, since an
// unescaped string is never longer than its JSON form, plus integer ids turned into text.
size_t ArenaNeed(std::string_view line) { return line.size() + 256; }

void CopyOpt(Batch* b, std::optional<std::string_view>* v) {
  if (*v) *v = b->Copy(**v);
}

// Repoints every string of `r` into the batch arena, so it outlives the parser's buffers.
void Persist(Batch* b, Record* r) {
  switch (r->type) {
    case RecordType::kAccount: {
      AccountRecord& a = r->account;
      a.id = b->Copy(a.id);
      a.platform = b->Copy(a.platform);
      CopyOpt(b, &a.device);
      CopyOpt(b, &a.ip);
      CopyOpt(b, &a.name);
      break;
    }
    case RecordType::kPost: {
      PostRecord& p = r->post;
      p.id = b->Copy(p.id);
      p.account = b->Copy(p.account);
      p.text = b->Copy(p.text);
      CopyOpt(b, &p.platform);
      CopyOpt(b, &p.repost_of);
      CopyOpt(b, &p.reply_to);
      CopyOpt(b, &p.device);
      CopyOpt(b, &p.ip);
      for (auto* list : {&p.urls, &p.hashtags, &p.mentions})
        for (std::string_view& s : *list) s = b->Copy(s);
      break;
    }
    case RecordType::kEngagement: {
      EngagementRecord& e = r->engagement;
      e.account = b->Copy(e.account);
      e.target = b->Copy(e.target);
      CopyOpt(b, &e.device);
      CopyOpt(b, &e.ip);
      break;
    }
    case RecordType::kClaim: {
      ClaimRecord& c = r->claim;
      c.id = b->Copy(c.id);
      c.text = b->Copy(c.text);
      CopyOpt(b, &c.verdict);
      CopyOpt(b, &c.source);
      break;
    }
  }
}

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

// A bounded hand-off of batches between the two threads, with a pool so batches are reused.
class BatchQueue {
 public:
  std::unique_ptr<Batch> TakeEmpty() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!pool_.empty()) {
      auto b = std::move(pool_.back());
      pool_.pop_back();
      b->Reset();
      return b;
    }
    return std::make_unique<Batch>();
  }
  // Returns false when the consumer has stopped; the batch is dropped.
  bool Push(std::unique_ptr<Batch> b) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return full_.size() < kQueueDepth || stopped_; });
    if (stopped_) return false;
    full_.push_back(std::move(b));
    ready_.notify_one();
    return true;
  }
  std::unique_ptr<Batch> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !full_.empty(); });
    auto b = std::move(full_.front());
    full_.pop_front();
    space_.notify_one();
    return b;
  }
  void Recycle(std::unique_ptr<Batch> b) {
    std::lock_guard<std::mutex> lock(mu_);
    pool_.push_back(std::move(b));
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    space_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> pool_;
  bool stopped_ = false;
};

// The reader thread: every line of every input, parsed, in order.
void ReadAll(const std::vector<std::string>& inputs, const IngestOptions& options, BatchQueue* q) {
  RecordParser parser;
  Record record;
  Rejection why;
  auto batch = q->TakeEmpty();
  auto push = [&]() {
    bool ok = q->Push(std::move(batch));
    batch = q->TakeEmpty();
    return ok;
  };
  for (size_t f = 0; f < inputs.size(); ++f) {
    batch->file_index = f;
    Result<std::unique_ptr<LineReader>> opened = LineReader::Open(inputs[f], options.max_line_bytes);
    if (!opened.ok()) {
      batch->status = opened.status();
      batch->end = true;
      q->Push(std::move(batch));
      return;
    }
    LineReader& reader = *opened.value();
    Line line;
    for (;;) {
      Result<bool> more = reader.Next(&line);
      if (!more.ok()) {
        batch->status = more.status();
        batch->end = true;
        q->Push(std::move(batch));
        return;
      }
      if (!more.value()) break;
      if (!batch->Fits(ArenaNeed(line.bytes) + kRawKeep)) {
        if (!push()) return;
        batch->file_index = f;
      }
      Batch::Entry e{line.number, line.full_length, {}, 0, Batch::kBlank};
      if (line.too_long) {
        e.kind = Batch::kReject;
        why = Rejection{RejectReason::kLineTooLong,
                        "line of " + std::to_string(line.full_length) +
                            " bytes is over the limit of " + std::to_string(options.max_line_bytes)};
      } else if (!IsBlank(line.bytes)) {
        e.kind = parser.Parse(line.bytes, LineReader::kPadding, &record, &why) ? Batch::kRecord
                                                                              : Batch::kReject;
      }
      if (e.kind != Batch::kBlank) e.raw = batch->Copy(line.bytes.substr(0, kRawKeep));
      if (e.kind == Batch::kRecord) {
        if (batch->records.size() <= batch->n_records) batch->records.emplace_back();
        Record& r = batch->records[batch->n_records];
        r = record;
        Persist(batch.get(), &r);
        e.index = static_cast<uint32_t>(batch->n_records++);
      } else if (e.kind == Batch::kReject) {
        if (batch->rejections.size() <= batch->n_rejections) batch->rejections.emplace_back();
        batch->rejections[batch->n_rejections] = std::move(why);
        e.index = static_cast<uint32_t>(batch->n_rejections++);
      }
      batch->entries.push_back(e);
    }
    batch->file_done = true;
    batch->bytes_in = reader.bytes_in();
    batch->bytes_out = reader.bytes_out();
    if (!push()) return;
  }
  batch->end = true;
  q->Push(std::move(batch));
}

}  // namespace

Result<World> Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     RejectSink* rejects, IngestStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  SLUICE_RETURN_IF_ERROR(CheckInputs(inputs));
  WorldBuilder builder(options.salt);
  IngestStats st;
  BatchQueue queue;
  std::thread reader([&] { ReadAll(inputs, options, &queue); });
  Status failure;
  Rejection why;
  for (;;) {
    std::unique_ptr<Batch> b = queue.Pop();
    if (failure.ok()) {
      const std::string& file = inputs[b->file_index] == "-" ? std::string("<stdin>") : inputs[b->file_index];
      const std::vector<Batch::Entry>& entries = b->entries;
      for (size_t i = 0; i < entries.size(); ++i) {
        const Batch::Entry& e = entries[i];
        size_t ahead = i + 16;
        if (ahead < entries.size() && entries[ahead].kind == Batch::kRecord)
          builder.Prefetch(b->records[entries[ahead].index]);
        ++st.lines;
        if (e.kind == Batch::kBlank) {
          ++st.blank_lines;
          continue;
        }
        if (e.kind == Batch::kRecord) {
          if (builder.Add(b->records[e.index], &why)) continue;
          failure = rejects->Add(file, e.line, why, e.raw, e.full_length);
        } else {
          failure = rejects->Add(file, e.line, b->rejections[e.index], e.raw, e.full_length);
        }
        if (!failure.ok()) {
          queue.Stop();  // the reader may be waiting for room: let it finish
          break;
        }
      }
      if (failure.ok() && !b->status.ok()) failure = b->status;
      if (b->file_done) {
        st.bytes_in += b->bytes_in;
        st.bytes_uncompressed += b->bytes_out;
      }
    }
    bool end = b->end;
    queue.Recycle(std::move(b));
    if (end || !failure.ok()) break;
  }
  queue.Stop();
  reader.join();
  if (!failure.ok()) return failure;
  st.accepted = builder.added();
  World world = builder.Finalize(&st.dangling);
  st.rejected = rejects->total();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *stats = st;
  return world;
}

}  // namespace sluice
