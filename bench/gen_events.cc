// Writes a schema v1 events file of about the requested size for the ingest benchmark:
// 2% accounts, 20% posts with 40–120 characters of Chinese text, the rest engagements, in
// time order. Deterministic for a given size. Usage: bench_gen_events BYTES > events.jsonl
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
uint64_t state = 0x9E3779B97F4A7C15ull;
uint64_t Next() {  // splitmix64
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
uint64_t Below(uint64_t n) { return Next() % n; }

const char* kWords[] = {"網傳", "今天", "明天", "停水", "地震", "疫苗", "政府", "通知", "消息", "大家",
                        "注意", "轉發", "真的", "视频", "现场", "记者", "城市", "学校", "医院", "警方",
                        "辟谣", "官方", "回应", "网友", "热议", "😂", "🙏", "，", "。", "！"};
constexpr int kNumWords = sizeof(kWords) / sizeof(kWords[0]);
const char* kKinds[] = {"like", "like", "like", "repost", "comment", "review", "follow"};
}  // namespace

int main(int argc, char** argv) {
  uint64_t target = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : (1ull << 30);
  uint64_t written = 0, accounts = 0, posts = 0, t = 1700000000;
  std::string line;
  line.reserve(1024);
  while (written < target) {
    uint64_t r = Below(100);
    t += Below(3);
    line.clear();
    if (r < 2 || accounts < 1000) {
      line = "{\"type\":\"account\",\"id\":\"u" + std::to_string(accounts++) +
             "\",\"platform\":\"weibo\",\"created_at\":" + std::to_string(t - 86400 * Below(3000)) +
             ",\"followers\":" + std::to_string(Below(100000)) + ",\"device\":\"dev-" +
             std::to_string(Below(500000)) + "\"}";
    } else if (r < 22 || posts < 1000) {
      line = "{\"type\":\"post\",\"id\":\"p" + std::to_string(posts++) + "\",\"account\":\"u" +
             std::to_string(Below(accounts)) + "\",\"time\":" + std::to_string(t) + ",\"text\":\"";
      int n = 15 + static_cast<int>(Below(30));
      for (int i = 0; i < n; ++i) line += kWords[Below(kNumWords)];
      line += "\"";
      if (Below(4) == 0) line += ",\"repost_of\":\"p" + std::to_string(Below(posts)) + "\"";
      if (Below(3) == 0) line += ",\"hashtags\":[\"" + std::string(kWords[Below(kNumWords)]) + "\"]";
      line += "}";
    } else {
      line = "{\"type\":\"engagement\",\"account\":\"u" + std::to_string(Below(accounts)) +
             "\",\"target\":\"p" + std::to_string(Below(posts)) + "\",\"kind\":\"" +
             kKinds[Below(7)] + "\",\"time\":" + std::to_string(t) + ",\"device\":\"dev-" +
             std::to_string(Below(500000)) + "\"}";
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    written += line.size();
  }
  return 0;
}
