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
#include <type_traits>

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
constexpr size_t kQueueDepth = 3;

// A parsed record in its batch: the member of Record its type uses, and its hashes. Records
// are kept by type so that the building thread reads only the bytes a record has (a whole
// Record spans several cache lines, and each line read was written by the other thread).
template <typename R>
struct Kept {
  R record;
  RecordHashes hashes;
};

// Items of one type in a batch; the vectors only grow, so their elements keep the capacity
// of their lists from batch to batch.
template <typename T>
struct ItemList {
  std::vector<T> items;
  size_t n = 0;
  T& Next() {
    if (items.size() <= n) items.emplace_back();
    return items[n++];
  }
};
template <typename R>
using KeptList = ItemList<Kept<R>>;

struct Batch {
  enum Kind : uint8_t { kRecord, kReject, kBlank };
  // One per line of the batch, in order: entry i is the batch's line i (so its number is the
  // batch's first line's plus i, which the building thread knows as it takes batches in order).
  struct Entry {
    uint64_t full_length;
    std::string_view raw;  // the line's first kRawKeep bytes, in `input`
    uint32_t index;        // into the record list of `type`, or into rejections
    Kind kind;
    RecordType type;       // of a kRecord
  };
  // A stretch of the input as read, in order: a block of whole lines, each ending with a
  // newline, to be parsed; or one over-long line, already rejected, whose head is kept.
  struct Piece {
    size_t offset, size;  // its bytes in `input`
    uint64_t full_length;  // of an over-long line
    uint32_t rejection;    // of an over-long line
    bool too_long;
  };
  // One buffer of fixed size, so views into it stay valid: the input, then the arena.
  // input: the pieces' bytes back to back, with simdjson's padding after the last.
  // arena: strings of parsed records that do not lie in the input (unescaped, or made from
  // integers). Every such string is made from its own line's bytes and is no longer than they
  // are, so the arena never needs more than the input holds.
  // Packed engagements locate their ids by offsets from the buffer's start (`base`).
  std::unique_ptr<char[]> buffer;
  char* input;
  size_t input_size = 0, input_capacity;
  char* arena;
  size_t arena_size = 0;
  std::vector<Piece> pieces;
  KeptList<AccountRecord> accounts;
  ItemList<PackedPost> posts;
  ItemList<PackedEngagement> engagements;  // 78% of the records of a typical input
  KeptList<ClaimRecord> claims;
  ItemList<std::string_view> terms;  // the posts' URLs, hashtags and mentions (PackedPost)
  // The texts of the batch's posts, copied by the parsing thread once the batch is parsed, for
  // the world to adopt (WorldBuilder::AdoptText): the building thread then copies no text. A
  // fresh chunk per batch, as the world keeps it, of just the texts' size.
  std::unique_ptr<char[]> texts;
  size_t texts_size = 0;
  std::vector<Rejection> rejections;
  std::vector<Entry> entries;
  size_t n_rejections = 0;
  size_t file_index = 0;
  bool file_done = false;   // the last batch of its file: bytes_in/out are final
  uint64_t bytes_in = 0, bytes_out = 0;
  bool end = false;         // no more batches follow
  bool parsed = false;      // the pieces were parsed into entries

  Status status;            // a fatal input error ends the run

  // Calls f with the item of entry `e` (a Kept record, a PackedPost or a PackedEngagement),
  // whatever its type. REQUIRES: e.kind == kRecord.
  template <typename F>
  decltype(auto) WithRecord(const Entry& e, F&& f) const {
    switch (e.type) {
      case RecordType::kAccount: return f(accounts.items[e.index]);
      case RecordType::kPost: return f(posts.items[e.index]);
      case RecordType::kEngagement: return f(engagements.items[e.index]);
      case RecordType::kClaim: break;
    }
    return f(claims.items[e.index]);
  }

  // Sized so that any block LineReader hands out, or any line up to `max_line_bytes` with a
  // newline added, fits an empty batch.
  explicit Batch(size_t max_line_bytes)
      : input_capacity(std::max(kInputBytes, max_line_bytes + 2)) {
    buffer.reset(new char[2 * input_capacity + simdjson::SIMDJSON_PADDING]);
    input = buffer.get();
    arena = input + input_capacity + simdjson::SIMDJSON_PADDING;
  }
  const char* base() const { return buffer.get(); }
  void Reset() {
    input_size = 0;
    pieces.clear();
    arena_size = 0;
    entries.clear();
    texts.reset();
    texts_size = 0;
    accounts.n = posts.n = engagements.n = claims.n = terms.n = 0;
    n_rejections = 0;
    file_done = end = parsed = false;
    bytes_in = bytes_out = 0;
    status = Status::Ok();
  }
  // Whether `bytes` more (and a newline) fit.
  bool Fits(size_t bytes) const { return input_size + bytes + 1 <= input_capacity; }
  // Where the next block is read to (LineReader::NextBlockInto), and how much it may take.
  char* next_input() { return input + input_size; }
  size_t room() const { return input_capacity - input_size - 1; }
  // Takes the block just read at next_input() as the next piece.
  void AddBlock(std::string_view block) {
    pieces.push_back(Piece{input_size, block.size(), 0, 0, false});
    input_size += block.size();
  }
  // Appends one line from LineReader::Next, with its newline.
  // REQUIRES: Fits(line.bytes.size()).
  void AddLine(const Line& line) {
    char* at = input + input_size;
    std::memcpy(at, line.bytes.data(), line.bytes.size());
    at[line.bytes.size()] = '\n';
    pieces.push_back(Piece{input_size, line.bytes.size() + 1, 0, 0, false});
    input_size += line.bytes.size() + 1;
  }
  // Appends an over-long line: its head, for the reject record, and why.
  // REQUIRES: Fits(kRawKeep).
  void AddTooLong(const Line& line, Rejection why) {
    const size_t keep = std::min(line.bytes.size(), kRawKeep);
    std::memcpy(input + input_size, line.bytes.data(), keep);
    pieces.push_back(Piece{input_size, keep, line.full_length, NewRejection(), true});
    rejections[pieces.back().rejection] = std::move(why);
    input_size += keep;
  }
  std::string_view Copy(std::string_view s) {
    // Unreachable (see `arena`), and writing past it would corrupt memory: stop hard.
    if (arena_size + s.size() > input_capacity) std::abort();
    char* at = arena + arena_size;
    std::memcpy(at, s.data(), s.size());
    arena_size += s.size();
    return std::string_view(at, s.size());
  }
  // A string of a parsed record that outlives the parser: the parser's fast path points into
  // the batch's own input, which lives as long as the batch; anything else is copied.
  std::string_view Keep(std::string_view s) {
    const bool in_input = s.data() >= input && s.data() + s.size() <= input + input_size;
    return in_input ? s : Copy(s);
  }
  // Copies the texts of the batch's posts into `texts` and points the posts at them.
  void CopyTexts() {
    texts_size = 0;
    for (size_t i = 0; i < posts.n; ++i) texts_size += posts.items[i].text_len;
    if (texts_size == 0) return;
    texts = std::make_unique_for_overwrite<char[]>(texts_size);
    char* at = texts.get();
    for (size_t i = 0; i < posts.n; ++i) {
      PackedPost& p = posts.items[i];
      std::memcpy(at, p.text, p.text_len);
      p.text = at;
      at += p.text_len;
    }
  }
  uint32_t NewRejection() {
    if (rejections.size() <= n_rejections) rejections.emplace_back();
    return static_cast<uint32_t>(n_rejections++);
  }
};

void CopyOpt(Batch* b, std::optional<std::string_view>* v) {
  if (*v) *v = b->Keep(**v);
}

// Repoints every string of a record that lives in the parser's buffers into the batch arena,
// so it outlives them.
void Persist(Batch* b, AccountRecord* a) {
  a->id = b->Keep(a->id);
  a->platform = b->Keep(a->platform);
  CopyOpt(b, &a->device);
  CopyOpt(b, &a->ip);
  CopyOpt(b, &a->name);
}

void Persist(Batch* b, PostRecord* p) {
  p->id = b->Keep(p->id);
  p->account = b->Keep(p->account);
  p->text = b->Keep(p->text);
  CopyOpt(b, &p->platform);
  CopyOpt(b, &p->repost_of);
  CopyOpt(b, &p->reply_to);
  CopyOpt(b, &p->device);
  CopyOpt(b, &p->ip);
  for (auto* list : {&p->urls, &p->hashtags, &p->mentions})
    for (std::string_view& s : *list) s = b->Keep(s);
}

void Persist(Batch* b, ClaimRecord* c) {
  c->id = b->Keep(c->id);
  c->text = b->Keep(c->text);
  CopyOpt(b, &c->verdict);
  CopyOpt(b, &c->source);
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
    auto has_room = [&] { return full_.size() < kQueueDepth || stopped_; };
    if (!has_room()) {
      const auto t0 = std::chrono::steady_clock::now();
      space_.wait(lock, has_room);
      push_wait_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    if (stopped_) return false;
    ++pushed_;
    if (!b->parsed) ++pushed_unparsed_;
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
    auto has_batch = [&] { return !full_.empty(); };
    if (!has_batch()) {
      const auto t0 = std::chrono::steady_clock::now();
      ready_.wait(lock, has_batch);
      pop_wait_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
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
  // How the threads shared the work so far (IngestStats). Call once the reader has finished.
  void CountInto(IngestStats* st) {
    std::lock_guard<std::mutex> lock(mu_);
    st->batches = pushed_;
    st->batches_parsed_by_builder = pushed_unparsed_;
    st->reader_wait_seconds = push_wait_;
    st->builder_wait_seconds = pop_wait_;
  }

 private:
  size_t max_line_bytes_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> pool_;
  bool stopped_ = false;
  uint64_t pushed_ = 0, pushed_unparsed_ = 0;  // a batch pushed unparsed is parsed by the consumer
  double push_wait_ = 0, pop_wait_ = 0;
};

// Takes each parsed line of a batch into it, as its next entry: records with their strings
// kept and their hashes computed, rejections as they are, blank lines.
class BatchFiller : public BlockSink {
 public:
  BatchFiller(Batch* b, const WorldBuilder& builder) : b_(b), builder_(builder) {}
  void Accepted(std::string_view line, const Record& record) override {
    Batch::Entry& e = Add(line, Batch::kRecord);
    e.type = record.type;
    switch (record.type) {
      case RecordType::kAccount: e.index = Keep(&b_->accounts, record.account); break;
      case RecordType::kPost: e.index = PackPost(record.post); break;
      case RecordType::kEngagement: {
        // Only the ids' bytes are kept: the tokens are hashed here, and their text is done with.
        EngagementRecord r = record.engagement;
        r.account = b_->Keep(r.account);
        r.target = b_->Keep(r.target);
        b_->engagements.Next() = builder_.Pack(r, b_->base());
        e.index = static_cast<uint32_t>(b_->engagements.n - 1);
        break;
      }
      case RecordType::kClaim: e.index = Keep(&b_->claims, record.claim); break;
    }
  }
  void Rejected(std::string_view line, Rejection& why) override {
    const uint32_t index = b_->NewRejection();
    b_->rejections[index] = std::move(why);
    Add(line, Batch::kReject).index = index;
  }
  void Blank(std::string_view line) override { Add(line, Batch::kBlank); }

 private:
  Batch::Entry& Add(std::string_view line, Batch::Kind kind) {
    return b_->entries.emplace_back(
        Batch::Entry{line.size(), line.substr(0, kRawKeep), 0, kind, RecordType::kAccount});
  }
  // Keeps a post's strings and terms in the batch and packs it (WorldBuilder::Pack).
  uint32_t PackPost(const PostRecord& record) {
    post_ = record;  // reused, so its term lists keep their capacity
    Persist(b_, &post_);
    const auto first_term = static_cast<uint32_t>(b_->terms.n);
    for (const auto* list : {&post_.urls, &post_.hashtags, &post_.mentions})
      for (std::string_view s : *list) b_->terms.Next() = s;
    b_->posts.Next() = builder_.Pack(post_, b_->base(), first_term);
    return static_cast<uint32_t>(b_->posts.n - 1);
  }
  template <typename R>
  uint32_t Keep(KeptList<R>* list, const R& record) {
    Kept<R>& k = list->Next();
    k.record = record;
    Persist(b_, &k.record);
    if constexpr (!std::is_same_v<R, ClaimRecord>) k.hashes = builder_.Hash(k.record);
    return static_cast<uint32_t>(list->n - 1);
  }

  Batch* b_;
  const WorldBuilder& builder_;
  PostRecord post_;
};

// Parses the batch's pieces into its entries, once, with the calling thread's parser.
void ParseLines(RecordParser* parser, const WorldBuilder& builder, Batch* b) {
  if (b->parsed) return;
  BatchFiller filler(b, builder);
  for (const Batch::Piece& piece : b->pieces) {
    if (piece.too_long) {
      b->entries.push_back(Batch::Entry{piece.full_length,
                                        std::string_view(b->input + piece.offset, piece.size),
                                        piece.rejection, Batch::kReject, RecordType::kAccount});
      continue;
    }
    parser->ParseBlock(b->input + piece.offset, piece.size, &filler);
  }
  b->CopyTexts();
  b->parsed = true;
}

// The reader thread: every line of every input, in order, in batches parsed here or by the
// consumer. Lines come from LineReader in blocks where it can, read straight into the batch
// (no copy, no line split here: the parser finds line ends as it reads). `builder` is only used
// to hash and pack records (WorldBuilder::Hash, Pack), which is safe while the other thread
// adds to it.
void ReadAll(const std::vector<std::string>& inputs, const IngestOptions& options,
             const WorldBuilder& builder, BatchQueue* q) {
  RecordParser parser;
  auto batch = q->TakeEmpty();
  auto push = [&]() {
    // Parsing is most of the reading thread's work, so when the building thread has nothing
    // queued (it would sit idle), it gets the batch unparsed and parses it itself; both threads
    // then stay busy. Either way a batch is parsed whole by one thread, so the result does not
    // depend on which.
    if (!q->Starved()) ParseLines(&parser, builder, batch.get());
    bool ok = q->Push(std::move(batch));
    batch = q->TakeEmpty();
    return ok;
  };
  auto fail = [&](Status status) {
    batch->status = std::move(status);
    batch->end = true;
    push();
  };
  uint64_t files_done_bytes = 0;
  for (size_t f = 0; f < inputs.size(); ++f) {
    batch->file_index = f;
    Result<std::unique_ptr<LineReader>> opened = LineReader::Open(inputs[f], options.max_line_bytes);
    if (!opened.ok()) return fail(opened.status());
    LineReader& reader = *opened.value();
    // Sends the batch on and starts the next one of this file.
    auto next_batch = [&]() {
      if (!push()) return false;
      batch->file_index = f;
      if (options.progress) options.progress->bytes_in.store(files_done_bytes + reader.bytes_in());
      return true;
    };
    // Makes room for `bytes` in the batch, sending it on first when it is too full.
    auto room = [&](size_t bytes) { return batch->Fits(bytes) || next_batch(); };
    for (;;) {
      std::string_view block;
      Result<bool> got = reader.NextBlockInto(batch->next_input(), batch->room(), &block);
      if (!got.ok()) return fail(got.status());
      if (got.value()) {
        if (!block.empty()) {
          batch->AddBlock(block);
        } else if (!next_batch()) {  // the next line needs a fresh batch
          return;
        }
        continue;
      }
      Line line;  // over-long, or the last line without a newline, or the end
      Result<bool> more = reader.Next(&line);
      if (!more.ok()) return fail(more.status());
      if (!more.value()) break;
      if (!room(line.too_long ? kRawKeep : line.bytes.size())) return;
      if (line.too_long) {
        batch->AddTooLong(line, Rejection{RejectReason::kLineTooLong,
                                          "line of " + std::to_string(line.full_length) +
                                              " bytes is over the limit of " +
                                              std::to_string(options.max_line_bytes)});
      } else {
        batch->AddLine(line);
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

// What the building thread does with each kind of batch item: bring its bytes into the cache,
// then the world's slots it names, then add it.
template <typename R>
void WarmItem(const Kept<R>& kept) {
  const char* p = reinterpret_cast<const char*>(&kept);
  for (size_t at = 0; at < sizeof kept; at += 64) __builtin_prefetch(p + at);
}
void WarmItem(const PackedEngagement& e) { __builtin_prefetch(&e); }
void WarmItem(const PackedPost& p) {
  __builtin_prefetch(&p);
  __builtin_prefetch(reinterpret_cast<const char*>(&p) + 64);
}

template <typename R>
void WarmSlots(const WorldBuilder& builder, const Batch&, RecordType type, const Kept<R>& kept) {
  builder.Prefetch(type, kept.hashes);
}
void WarmSlots(const WorldBuilder& builder, const Batch&, RecordType, const PackedEngagement& e) {
  builder.Prefetch(e);
}
void WarmSlots(const WorldBuilder& builder, const Batch& b, RecordType, const PackedPost& p) {
  builder.Prefetch(p, b.base());
}

template <typename R>
bool AddItem(WorldBuilder* builder, const Batch&, const Kept<R>& kept, Rejection* why) {
  return builder->Add(kept.record, kept.hashes, why);
}
bool AddItem(WorldBuilder* builder, const Batch& b, const PackedEngagement& e, Rejection*) {
  builder->AddPacked(e, b.base());
  return true;
}
bool AddItem(WorldBuilder* builder, const Batch& b, const PackedPost& p, Rejection* why) {
  return builder->AddPacked(p, b.base(), b.terms.items.data(), why);
}

// About how many bytes of JSONL the inputs hold, for WorldBuilder::ReserveForInput: a plain
// file's size; a zstd file's size times 8 (a guess: too high costs address space only, too low
// a column doubling); nothing for stdin.
uint64_t ExpectedBytes(const std::vector<std::string>& inputs) {
  uint64_t bytes = 0;
  for (const std::string& path : inputs) {
    struct stat st;
    if (path == "-" || ::stat(path.c_str(), &st) != 0) continue;
    const bool zst = path.size() >= 4 && path.compare(path.size() - 4, 4, ".zst") == 0;
    bytes += static_cast<uint64_t>(st.st_size) * (zst ? 8 : 1);
  }
  return bytes;
}

}  // namespace

Result<World> Ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     RejectSink* rejects, IngestStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  SLUICE_RETURN_IF_ERROR(CheckInputs(inputs));
  if (options.max_line_bytes > kMaxLineLimit)
    return Status::InvalidInput("--max-line-bytes " + std::to_string(options.max_line_bytes) +
                                " is over the limit of " + std::to_string(kMaxLineLimit) + " (1 GiB)");
  WorldBuilder builder(options.salt);
  builder.ReserveForInput(ExpectedBytes(inputs));
  IngestStats st;
  BatchQueue queue(options.max_line_bytes);
  std::thread reader([&] { ReadAll(inputs, options, builder, &queue); });
  RecordParser parser;  // for the batches the reader thread leaves unparsed
  Status failure;
  Rejection why;
  uint64_t line_base = 0;  // lines of the current file in the batches before this one
  for (;;) {
    std::unique_ptr<Batch> b = queue.Pop();
    if (failure.ok()) {
      ParseLines(&parser, builder, b.get());
      if (b->texts) builder.AdoptText(std::move(b->texts), b->texts_size);
      const std::string& file = inputs[b->file_index] == "-" ? std::string("<stdin>") : inputs[b->file_index];
      const std::vector<Batch::Entry>& entries = b->entries;
      for (size_t i = 0; i < entries.size(); ++i) {
        const Batch::Entry& e = entries[i];
        // Two stages: the item (written by the other thread, so not in this core's cache)
        // 32 lines ahead, then the world's table slots it names 16 ahead.
        if (size_t far = i + 32; far < entries.size() && entries[far].kind == Batch::kRecord)
          b->WithRecord(entries[far], [](const auto& item) { WarmItem(item); });
        if (size_t ahead = i + 16; ahead < entries.size() && entries[ahead].kind == Batch::kRecord) {
          const RecordType type = entries[ahead].type;
          b->WithRecord(entries[ahead], [&](const auto& item) { WarmSlots(builder, *b, type, item); });
        }
        ++st.lines;
        if (e.kind == Batch::kBlank) {
          ++st.blank_lines;
          continue;
        }
        if (e.kind == Batch::kRecord) {
          if (b->WithRecord(e, [&](const auto& item) { return AddItem(&builder, *b, item, &why); }))
            continue;
          failure = rejects->Add(file, line_base + i + 1, why, e.raw, e.full_length);
        } else {
          failure = rejects->Add(file, line_base + i + 1, b->rejections[e.index], e.raw, e.full_length);
        }
        if (!failure.ok()) {
          queue.Stop();  // the reader may be waiting for room: let it finish
          break;
        }
      }
      if (failure.ok() && !b->status.ok()) failure = b->status;
      if (options.progress) options.progress->lines.store(st.lines);
      line_base += b->entries.size();
      if (b->file_done) {
        st.bytes_in += b->bytes_in;
        st.bytes_uncompressed += b->bytes_out;
        line_base = 0;  // the next batch starts the next file
      }
    }
    bool end = b->end;
    queue.Recycle(std::move(b));
    if (end || !failure.ok()) break;
  }
  queue.Stop();
  reader.join();
  if (!failure.ok()) return failure;
  queue.CountInto(&st);
  st.accepted = builder.added();
  World world = builder.Finalize(&st.dangling);
  st.rejected = rejects->total();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *stats = st;
  return world;
}

}  // namespace sluice
