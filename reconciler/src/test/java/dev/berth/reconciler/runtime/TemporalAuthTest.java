package dev.berth.reconciler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.NoopScope;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporalAuthTest {

  @Test
  void anUnsetApiKeyVariableIsNamed_neverGuessed() {
    TemporalAuth auth = new TemporalAuth(null, null, "BERTH_TEST_KEY_THAT_IS_NOT_SET");
    assertThat(auth.tls()).isTrue();
    assertThatThrownBy(
            () -> TemporalConnection.open("127.0.0.1:1", 0, "default", auth, new NoopScope()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the API key variable BERTH_TEST_KEY_THAT_IS_NOT_SET is not set");
  }

  @Test
  void anUnreadableCertificateSaysWhich() {
    TemporalAuth auth =
        new TemporalAuth(
            Path.of("/nonexistent/client.pem"), Path.of("/nonexistent/client.key"), null);
    assertThatThrownBy(
            () -> TemporalConnection.open("127.0.0.1:1", 0, "default", auth, new NoopScope()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cannot use the client certificate /nonexistent/client.pem and key /nonexistent/client.key");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> new TemporalAuth(Path.of("client.pem"), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TemporalAuth.NONE.tls()).isFalse();
  }
}
