// Writes a schema v1 events file of about the requested size for the ingest benchmark:
// 2% accounts, 20% posts with 40–120 characters of Chinese text, the rest engagements, in
// time order. Deterministic for a given size. Usage: bench_gen_events BYTES [platform] > events.jsonl
//
// With "platform" (the water-army scale run): 2% accounts, 5% posts, the rest engagements, and
// each account acts from its own device (one in fifty shares it with the next account), as on a
// platform; the default draws a device per engagement, which makes every device token a crowd.
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
  bool platform = argc > 2 && std::string(argv[2]) == "platform";
  uint64_t post_below = platform ? 7 : 22;
  uint64_t written = 0, accounts = 0, posts = 0, t = 1700000000;
  std::string line;
  line.reserve(1024);
  while (written < target) {
    uint64_t r = Below(100);
    t += Below(3);
    line.clear();
    if (r < 2 || accounts < 1000) {
      uint64_t id = accounts++;
      // Draws in the order the first version's expression evaluated them, so its files stay the same.
      uint64_t device = platform ? (id % 50 == 1 ? id - 1 : id) : Below(500000);
      uint64_t followers = Below(100000);
      uint64_t created = t - 86400 * Below(3000);
      line = "{\"type\":\"account\",\"id\":\"u" + std::to_string(id) +
             "\",\"platform\":\"weibo\",\"created_at\":" + std::to_string(created) +
             ",\"followers\":" + std::to_string(followers) + ",\"device\":\"dev-" +
             std::to_string(device) + "\"}";
    } else if (r < post_below || posts < 1000) {
      line = "{\"type\":\"post\",\"id\":\"p" + std::to_string(posts++) + "\",\"account\":\"u" +
             std::to_string(Below(accounts)) + "\",\"time\":" + std::to_string(t) + ",\"text\":\"";
      int n = 15 + static_cast<int>(Below(30));
      for (int i = 0; i < n; ++i) line += kWords[Below(kNumWords)];
      line += "\"";
      if (Below(4) == 0) line += ",\"repost_of\":\"p" + std::to_string(Below(posts)) + "\"";
      if (Below(3) == 0) line += ",\"hashtags\":[\"" + std::string(kWords[Below(kNumWords)]) + "\"]";
      line += "}";
    } else {
      uint64_t random_device = platform ? 0 : Below(500000);
      const char* kind = kKinds[Below(7)];
      uint64_t target = Below(posts);
      uint64_t account = Below(accounts);
      uint64_t device = platform ? (account % 50 == 1 ? account - 1 : account) : random_device;
      line = "{\"type\":\"engagement\",\"account\":\"u" + std::to_string(account) +
             "\",\"target\":\"p" + std::to_string(target) + "\",\"kind\":\"" + kind +
             "\",\"time\":" + std::to_string(t) + ",\"device\":\"dev-" + std::to_string(device) + "\"}";
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    written += line.size();
  }
  return 0;
}
