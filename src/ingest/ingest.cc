#include "ingest/ingest.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <simdjson.h>

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

// Ingest runs as two stages on two threads: the reader thread splits lines, parses them in
// batches and hashes their ids into Batches; the calling thread adds each batch's records to the
// WorldBuilder and writes rejects. Hashing on the reader's side leaves the builder only the
// table lookups, which keeps the two stages about even, and the pipeline keeps the
// single-threaded order of records and rejects.

constexpr size_t kRawKeep = 1024;           // bytes of each line kept for a possible reject
constexpr size_t kInputBytes = 2u << 20;    // a batch's lines, parsed together
constexpr size_t kArenaBytes = 8u << 20;    // a batch's string arena; never reallocated
constexpr size_t kMaxEntries = 16384;
constexpr size_t kQueueDepth = 3;

// Upper bound of the arena bytes a parsed record's strings need: the line itself, since an
// unescaped string is never longer than its JSON form, plus integer ids turned into text.
size_t ArenaNeed(size_t line_bytes) { return line_bytes + 256; }

struct Batch {
  enum Kind : uint8_t { kRecord, kReject, kBlank };
  struct Entry {
    uint64_t line;
    uint64_t full_length;
    std::string_view raw;  // the line's first kRawKeep bytes, in `input` or the arena
    uint32_t index;        // into records or rejections
    Kind kind;
  };
  // The lines to parse, back to back with a newline after each and simdjson's padding after the
  // last; fixed capacity, so the raw views into it stay valid.
  std::unique_ptr<char[]> input;
  size_t input_size = 0, input_capacity;
  std::vector<LineSpan> spans;
  std::vector<uint32_t> span_entry;  // spans[i] is the line of entries[span_entry[i]]
  std::string arena;
  size_t arena_reserved = 0;  // arena bytes the lines so far may need once parsed
  std::vector<Record> records;
  std::vector<RecordHashes> hashes;  // of records[i]
  std::vector<Rejection> rejections;
  std::vector<Entry> entries;
  size_t n_records = 0, n_rejections = 0;
  size_t file_index = 0;
  bool file_done = false;   // the last batch of its file: bytes_in/out are final
  uint64_t bytes_in = 0, bytes_out = 0;
  bool end = false;         // no more batches follow
  bool parsed = false;      // the lines were parsed into records and rejections
  Status status;            // a fatal input error ends the run

  // Sized so that any one line up to `max_line_bytes` fits an empty batch.
  explicit Batch(size_t max_line_bytes)
      : input_capacity(std::max(kInputBytes, max_line_bytes + 1)) {
    input.reset(new char[input_capacity + simdjson::SIMDJSON_PADDING]);
    arena.reserve(std::max(kArenaBytes, ArenaNeed(max_line_bytes) + kRawKeep));
  }
  void Reset() {
    input_size = 0;
    spans.clear();
    span_entry.clear();
    arena.clear();
    arena_reserved = 0;
    entries.clear();
    n_records = n_rejections = 0;
    file_done = end = parsed = false;
    bytes_in = bytes_out = 0;
    status = Status::Ok();
  }
  // Whether a line of `bytes` can still be added (an over-long one is cut to the limit).
  bool Fits(size_t bytes) const {
    return input_size + bytes + 1 <= input_capacity &&
           arena_reserved + ArenaNeed(bytes) + kRawKeep <= arena.capacity() &&
           entries.size() < kMaxEntries;
  }
  // Queues a line for parsing; returns a view of its copy.
  // REQUIRES: the line's entry is the last of `entries`.
  std::string_view AddLine(std::string_view line) {
    char* at = input.get() + input_size;
    std::memcpy(at, line.data(), line.size());
    at[line.size()] = '\n';
    spans.push_back(LineSpan{input_size, line.size()});
    span_entry.push_back(static_cast<uint32_t>(entries.size() - 1));
    input_size += line.size() + 1;
    arena_reserved += ArenaNeed(line.size());
    return std::string_view(at, line.size());
  }
  std::string_view Copy(std::string_view s) {
    size_t at = arena.size();
    arena.append(s);
    return std::string_view(arena.data() + at, s.size());
  }
  Rejection* NewRejection(Entry* e) {
    if (rejections.size() <= n_rejections) rejections.emplace_back();
    e->kind = kReject;
    e->index = static_cast<uint32_t>(n_rejections);
    return &rejections[n_rejections++];
  }
};

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
  explicit BatchQueue(size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}
  std::unique_ptr<Batch> TakeEmpty() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!pool_.empty()) {
      auto b = std::move(pool_.back());
      pool_.pop_back();
      b->Reset();
      return b;
    }
    return std::make_unique<Batch>(max_line_bytes_);
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
  // Whether the consumer has nothing queued, so it would wait for the next batch.
  bool Starved() {
    std::lock_guard<std::mutex> lock(mu_);
    return full_.empty();
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
  size_t max_line_bytes_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> pool_;
  bool stopped_ = false;
};

// Takes each parsed line of a batch into it: records with their strings copied into the arena
// and their hashes computed, rejections as they are.
class BatchFiller : public BatchSink {
 public:
  BatchFiller(Batch* b, const WorldBuilder& builder) : b_(b), builder_(builder) {}
  void Accepted(size_t line, const Record& record) override {
    Batch::Entry& e = b_->entries[b_->span_entry[line]];
    if (b_->records.size() <= b_->n_records) {
      b_->records.emplace_back();
      b_->hashes.emplace_back();
    }
    Record& r = b_->records[b_->n_records];
    r = record;
    Persist(b_, &r);
    b_->hashes[b_->n_records] = builder_.Hash(r);
    e.kind = Batch::kRecord;
    e.index = static_cast<uint32_t>(b_->n_records++);
  }
  void Rejected(size_t line, Rejection& why) override {
    *b_->NewRejection(&b_->entries[b_->span_entry[line]]) = std::move(why);
  }

 private:
  Batch* b_;
  const WorldBuilder& builder_;
};

// Parses the batch's lines, once, with the calling thread's parser.
void ParseLines(RecordParser* parser, const WorldBuilder& builder, Batch* b) {
  if (!b->parsed && !b->spans.empty()) {
    BatchFiller filler(b, builder);
    parser->ParseBatch(b->input.get(), b->spans.data(), b->spans.size(), &filler);
  }
  b->parsed = true;
}

// The reader thread: every line of every input, in order, parsed here or by the consumer. `builder` is only used to
// hash records (WorldBuilder::Hash), which is safe while the other thread adds to it.
void ReadAll(const std::vector<std::string>& inputs, const IngestOptions& options,
             const WorldBuilder& builder, BatchQueue* q) {
  RecordParser parser;
  auto batch = q->TakeEmpty();
  auto push = [&]() {
    // Parsing is most of the reading thread's work and takes longer than building, so when the
    // building thread has nothing queued (it would sit idle), it gets the batch unparsed and
    // parses it itself; both threads then stay busy. Either way a batch is parsed whole by one
    // thread, so the result does not depend on which.
    if (!q->Starved()) ParseLines(&parser, builder, batch.get());
    bool ok = q->Push(std::move(batch));
    batch = q->TakeEmpty();
    return ok;
  };
  uint64_t files_done_bytes = 0;
  for (size_t f = 0; f < inputs.size(); ++f) {
    batch->file_index = f;
    Result<std::unique_ptr<LineReader>> opened = LineReader::Open(inputs[f], options.max_line_bytes);
    if (!opened.ok()) {
      batch->status = opened.status();
      batch->end = true;
      push();
      return;
    }
    LineReader& reader = *opened.value();
    Line line;
    for (;;) {
      Result<bool> more = reader.Next(&line);
      if (!more.ok()) {
        batch->status = more.status();
        batch->end = true;
        push();
        return;
      }
      if (!more.value()) break;
      if (!batch->Fits(line.bytes.size())) {
        if (!push()) return;
        batch->file_index = f;
        if (options.progress) options.progress->bytes_in.store(files_done_bytes + reader.bytes_in());
      }
      batch->entries.push_back(Batch::Entry{line.number, line.full_length, {}, 0, Batch::kBlank});
      Batch::Entry& e = batch->entries.back();
      if (line.too_long) {
        e.raw = batch->Copy(line.bytes.substr(0, kRawKeep));
        batch->arena_reserved += kRawKeep;
        *batch->NewRejection(&e) =
            Rejection{RejectReason::kLineTooLong,
                      "line of " + std::to_string(line.full_length) +
                          " bytes is over the limit of " + std::to_string(options.max_line_bytes)};
      } else if (!IsBlank(line.bytes)) {
        e.raw = batch->AddLine(line.bytes).substr(0, kRawKeep);
      }
    }
    batch->file_done = true;
    batch->bytes_in = reader.bytes_in();
    batch->bytes_out = reader.bytes_out();
    files_done_bytes += reader.bytes_in();
    if (options.progress) options.progress->bytes_in.store(files_done_bytes);
    if (!push()) return;
  }
  batch->end = true;
  push();
}

}  // namespace

Result<World> Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     RejectSink* rejects, IngestStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  SLUICE_RETURN_IF_ERROR(CheckInputs(inputs));
  WorldBuilder builder(options.salt);
  IngestStats st;
  BatchQueue queue(options.max_line_bytes);
  std::thread reader([&] { ReadAll(inputs, options, builder, &queue); });
  RecordParser parser;  // for the batches the reader thread leaves unparsed
  Status failure;
  Rejection why;
  for (;;) {
    std::unique_ptr<Batch> b = queue.Pop();
    if (failure.ok()) {
      ParseLines(&parser, builder, b.get());
      const std::string& file = inputs[b->file_index] == "-" ? std::string("<stdin>") : inputs[b->file_index];
      const std::vector<Batch::Entry>& entries = b->entries;
      for (size_t i = 0; i < entries.size(); ++i) {
        const Batch::Entry& e = entries[i];
        size_t ahead = i + 16;
        if (ahead < entries.size() && entries[ahead].kind == Batch::kRecord) {
          uint32_t k = entries[ahead].index;
          builder.Prefetch(b->records[k].type, b->hashes[k]);
        }
        ++st.lines;
        if (e.kind == Batch::kBlank) {
          ++st.blank_lines;
          continue;
        }
        if (e.kind == Batch::kRecord) {
          if (builder.Add(b->records[e.index], b->hashes[e.index], &why)) continue;
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
      if (options.progress) options.progress->lines.store(st.lines);
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
