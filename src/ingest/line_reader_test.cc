#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/test_util.h"

namespace sluice {
namespace {

using testing::ScratchDir;
using testing::WriteFile;
using testing::ZstdCompress;

struct ReadAll {
  std::vector<Line> lines;
  std::vector<std::string> text;
  Status status;
  size_t blocks = 0;       // blocks NextBlockInto gave
  size_t no_room = 0;      // times it said the next line needs more room
  uint64_t bytes_out = 0;  // the reader's count at the end
};

// Reads every line with Next; or, with `room`, with NextBlockInto (into a buffer of `room`
// bytes; when the next line does not fit, once more into one of max_line + 1) where it gives a
// block and Next otherwise, splitting blocks into lines the way Next does (a trailing '\r' is
// not part of the line). Blocks are not numbered, so with `room` every line is numbered here,
// as a bulk reader does.
ReadAll Read(const std::string& path, size_t max_line = 1 << 20, size_t room = 0) {
  ReadAll r;
  auto opened = LineReader::Open(path, max_line);
  if (!opened.ok()) {
    r.status = opened.status();
    return r;
  }
  LineReader& reader = *opened.value();
  std::vector<char> dst(std::max(room, max_line + 1));
  for (;;) {
    std::string_view block;
    Result<bool> got = room > 0 ? reader.NextBlockInto(dst.data(), room, &block) : Result<bool>(false);
    if (got.ok() && got.value() && block.empty()) {
      ++r.no_room;
      EXPECT_LE(room, max_line) << "a line that fits the limit fits max_line + 1 bytes";
      got = reader.NextBlockInto(dst.data(), max_line + 1, &block);
      EXPECT_TRUE(!got.ok() || !got.value() || !block.empty());
    }
    if (!got.ok()) {
      r.status = got.status();
      return r;
    }
    if (got.value()) {
      ++r.blocks;
      EXPECT_EQ(block.data(), dst.data()) << "the block is written where it was asked";
      for (size_t at = 0; at < block.size();) {
        size_t nl = block.find('\n', at);
        EXPECT_NE(nl, std::string_view::npos) << "a block ends with a newline";
        if (nl == std::string_view::npos) break;
        std::string_view text = block.substr(at, nl - at);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        EXPECT_LE(text.size() + (nl > at && block[nl - 1] == '\r'), max_line) << "the limit holds in blocks";
        r.lines.push_back(Line{text, r.lines.size() + 1, text.size(), false});
        r.text.emplace_back(text);
        at = nl + 1;
      }
      continue;
    }
    Line line;
    Result<bool> more = reader.Next(&line);
    if (!more.ok()) {
      r.status = more.status();
      return r;
    }
    if (!more.value()) break;
    if (room > 0) line.number = r.lines.size() + 1;
    r.lines.push_back(line);
    r.text.emplace_back(line.bytes);
  }
  r.bytes_out = reader.bytes_out();
  return r;
}

TEST(LineReaderTest, BlocksGiveTheSameLinesAsNext) {
  // CRLF and LF lines, blank lines, lines over the limit (which blocks leave to Next), lines of
  // every length around the limit, and a last line without a newline; enough of them to cross
  // many buffer fills.
  ScratchDir dir;
  std::string body;
  for (int i = 0; i < 60000; ++i) {
    body += std::string(static_cast<size_t>(i % 83), static_cast<char>('a' + i % 26));
    body += i % 7 == 0 ? "\r\n" : "\n";
    if (i % 5000 == 0) body += std::string(300, 'L') + "\n\n";
  }
  body += "tail";
  WriteFile(dir.Path("plain"), body);
  WriteFile(dir.Path("z"), ZstdCompress(body));
  for (const char* name : {"plain", "z"}) {
    for (size_t max_line : {size_t{80}, size_t{81}, size_t{82}, size_t{1} << 20}) {
      // Rooms smaller than a line, about a line, and bigger than the reader's whole buffer.
      for (size_t room : {size_t{50}, size_t{83}, size_t{4096}, size_t{3} << 20}) {
        ReadAll want = Read(dir.Path(name), max_line);
        ReadAll got = Read(dir.Path(name), max_line, room);
        ASSERT_TRUE(got.status.ok()) << got.status.message();
        EXPECT_GT(got.blocks, 0u);
        if (room <= std::min(max_line, size_t{300})) {  // lines within the limit run to 300 bytes
          EXPECT_GT(got.no_room, 0u) << "some line did not fit " << room << " bytes";
        }
        EXPECT_EQ(got.bytes_out, body.size()) << "every byte handed out once";
        EXPECT_EQ(want.bytes_out, body.size());
        ASSERT_EQ(got.text.size(), want.text.size()) << name << " " << max_line;
        for (size_t i = 0; i < want.text.size(); ++i) {
          ASSERT_EQ(got.text[i], want.text[i]) << name << " line " << i + 1;
          ASSERT_EQ(got.lines[i].number, want.lines[i].number);
          ASSERT_EQ(got.lines[i].too_long, want.lines[i].too_long);
          ASSERT_EQ(got.lines[i].full_length, want.lines[i].full_length);
        }
      }
    }
  }
}

TEST(LineReaderTest, SplitsLinesAndNumbersThem) {
  ScratchDir dir;
  WriteFile(dir.Path("a"), "one\r\ntwo\n\nlast without newline");
  ReadAll r = Read(dir.Path("a"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.text, (std::vector<std::string>{"one", "two", "", "last without newline"}));
  EXPECT_EQ(r.lines[3].number, 4u);
}

TEST(LineReaderTest, ReadsZstdByMagicNotByName) {
  ScratchDir dir;
  std::string body;
  for (int i = 0; i < 50000; ++i) body += "line " + std::to_string(i) + "\n";
  WriteFile(dir.Path("events.jsonl"), ZstdCompress(body));  // no .zst suffix on purpose
  ReadAll r = Read(dir.Path("events.jsonl"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.text.size(), 50000u);
  EXPECT_EQ(r.text[49999], "line 49999");
}

TEST(LineReaderTest, TruncatedZstdIsAnErrorNamingTheFile) {
  ScratchDir dir;
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "{\"n\":" + std::to_string(i * 7919) + "}\n";
  std::string z = ZstdCompress(body);
  WriteFile(dir.Path("cut.jsonl.zst"), z.substr(0, z.size() / 2));
  // A line at a time, and in blocks read straight into the caller's buffer.
  for (size_t room : {size_t{0}, size_t{4096}, size_t{3} << 20}) {
    ReadAll r = Read(dir.Path("cut.jsonl.zst"), 1 << 20, room);
    ASSERT_FALSE(r.status.ok()) << "room " << room;
    EXPECT_NE(r.status.message().find("cut.jsonl.zst"), std::string::npos);
    EXPECT_NE(r.status.message().find("truncated"), std::string::npos);
  }
}

TEST(LineReaderTest, CorruptZstdIsAnError) {
  ScratchDir dir;
  std::string z = ZstdCompress(std::string(100000, 'x') + "\n");
  for (size_t i = 12; i < z.size(); i += 5) z[i] = static_cast<char>(z[i] ^ 0x5a);
  WriteFile(dir.Path("bad.zst"), z);
  for (size_t room : {size_t{0}, size_t{4096}, size_t{3} << 20}) {
    ReadAll r = Read(dir.Path("bad.zst"), 1 << 20, room);
    EXPECT_FALSE(r.status.ok()) << "room " << room;
    EXPECT_NE(r.status.message().find("bad.zst"), std::string::npos) << r.status.message();
  }
}

TEST(LineReaderTest, OverLongLineIsCutAndTheNextLineSurvives) {
  ScratchDir dir;
  std::string huge(5000, 'a');
  WriteFile(dir.Path("a"), "short\n" + huge + "\nafter\n" + huge);
  ReadAll r = Read(dir.Path("a"), 100);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.lines.size(), 4u);
  EXPECT_FALSE(r.lines[0].too_long);
  EXPECT_TRUE(r.lines[1].too_long);
  EXPECT_EQ(r.lines[1].bytes.size(), 100u);
  EXPECT_EQ(r.lines[1].full_length, 5000u);
  EXPECT_EQ(r.text[2], "after");
  EXPECT_EQ(r.lines[2].number, 3u);
  EXPECT_TRUE(r.lines[3].too_long);
  EXPECT_EQ(r.lines[3].full_length, 5000u);
}

TEST(LineReaderTest, LineLongerThanTheBufferAcrossChunks) {
  ScratchDir dir;
  std::string huge(3 << 20, 'b');  // three times the read chunk
  WriteFile(dir.Path("a"), huge + "\nok\n");
  ReadAll r = Read(dir.Path("a"), 1 << 20);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_TRUE(r.lines[0].too_long);
  EXPECT_EQ(r.lines[0].full_length, huge.size());
  EXPECT_EQ(r.text[1], "ok");
}

TEST(LineReaderTest, MissingFileAndDirectoryAreClearErrors) {
  ScratchDir dir;
  auto missing = LineReader::Open(dir.Path("nope.jsonl"), 100);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.jsonl: no such file"), std::string::npos);
  auto directory = LineReader::Open(dir.path().string(), 100);
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.status().message().find("is a directory"), std::string::npos);
}

TEST(LineReaderTest, EmptyFileHasNoLines) {
  ScratchDir dir;
  WriteFile(dir.Path("empty"), "");
  ReadAll r = Read(dir.Path("empty"));
  EXPECT_TRUE(r.status.ok());
  EXPECT_TRUE(r.lines.empty());
}

}  // namespace
}  // namespace sluice
