package dev.berth.simulator.arm;

import java.util.List;

/**
 * One page of a list and where the next one is, ARM style: {@code $skiptoken} counts the items
 * already served, and {@code nextLink} is an absolute URL (null on the last page).
 */
record Paging<T>(List<T> items, String nextLink) {

  static <T> Paging<T> of(
      List<T> all, String skipToken, int pageSize, String baseUrl, String path) {
    int from = parseSkip(skipToken, all.size());
    int to = Math.min(all.size(), from + pageSize);
    String next =
        to < all.size()
            ? baseUrl + path + "?api-version=" + ArmSettings.API_VERSION + "&$skiptoken=" + to
            : null;
    return new Paging<>(List.copyOf(all.subList(from, to)), next);
  }

  private static int parseSkip(String token, int size) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int skip = Integer.parseInt(token);
      if (skip < 0 || skip > size) {
        throw ArmError.badRequest("$skiptoken " + token + " is out of range");
      }
      return skip;
    } catch (NumberFormatException e) {
      throw ArmError.badRequest("$skiptoken " + token + " is not one this service issued");
    }
  }
}
