/* newconn: one TLS connection per request, for bench/run.sh's new-connection rate.
 *
 * Every request pays a full handshake: no session ticket or session ID is offered or kept, as with the
 * Kubernetes API server's webhook client (Go's TLS client without a session cache). wrk cannot do this: it keeps
 * the TLS session across reconnections and resumes it.
 *
 *     newconn PORT PATH BODY_FILE CONNECTIONS SECONDS
 *
 * CONNECTIONS threads each loop until SECONDS have passed: connect to 127.0.0.1:PORT, handshake, POST the body
 * with "Connection: close", read the whole answer (it must be a 200), close. Prints one line of key=value pairs:
 * completed requests, elapsed microseconds, latency percentiles (connect to last byte, µs), errors, and the
 * protocol, cipher and key-exchange group negotiated.
 *
 * Build: cc -O2 -o newconn newconn.c -lssl -lcrypto -lpthread
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static SSL_CTX *context;
static struct sockaddr_in address;
static char *request;
static size_t request_length;
static atomic_int stopping;
static char negotiated[256];
static pthread_mutex_t negotiated_lock = PTHREAD_MUTEX_INITIALIZER;

struct worker {
    pthread_t thread;
    long completed, errors;
    long *latencies;
    size_t count, capacity;
};

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int write_all(SSL *ssl, const char *data, size_t length) {
    while (length > 0) {
        int n = SSL_write(ssl, data, length > 1 << 20 ? 1 << 20 : (int)length);
        if (n <= 0) return -1;
        data += n;
        length -= (size_t)n;
    }
    return 0;
}

/* Reads one HTTP response; returns its status code, or -1. */
static int read_response(SSL *ssl) {
    char buffer[65536];
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        if (have == sizeof buffer - 1) return -1;
        int n = SSL_read(ssl, buffer + have, (int)(sizeof buffer - 1 - have));
        if (n <= 0) return -1;
        have += (size_t)n;
        buffer[have] = 0;
        end = strstr(buffer, "\r\n\r\n");
    }
    int status = -1;
    if (sscanf(buffer, "HTTP/1.%*d %d", &status) != 1) return -1;
    long length = -1;
    for (char *line = strstr(buffer, "\r\n"); line && line < end; line = strstr(line + 2, "\r\n")) {
        if (strncasecmp(line + 2, "content-length:", 15) == 0) length = strtol(line + 17, NULL, 10);
    }
    if (length < 0) return -1;
    long body = (long)(have - (size_t)(end + 4 - buffer));
    while (body < length) {
        int n = SSL_read(ssl, buffer, sizeof buffer);
        if (n <= 0) return -1;
        body += n;
    }
    return status;
}

static int one_request(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    int on = 1;
    struct timeval timeout = {10, 0};
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    int result = -1;
    SSL *ssl = NULL;
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) goto done;
    ssl = SSL_new(context);
    if (!ssl) goto done;
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (SSL_connect(ssl) != 1) goto done;
    if (!negotiated[0]) {
        pthread_mutex_lock(&negotiated_lock);
        int group = SSL_get_negotiated_group(ssl);
        const char *group_name = SSL_group_to_name(ssl, group);
        snprintf(negotiated, sizeof negotiated, "protocol=%s cipher=%s group=%s", SSL_get_version(ssl),
                 SSL_get_cipher_name(ssl), group_name ? group_name : "unknown");
        pthread_mutex_unlock(&negotiated_lock);
    }
    if (write_all(ssl, request, request_length) != 0) goto done;
    if (read_response(ssl) == 200) result = 0;
    SSL_shutdown(ssl); /* close_notify, without waiting for the peer's */
done:
    if (ssl) SSL_free(ssl);
    close(fd);
    ERR_clear_error();
    return result;
}

static void *run(void *argument) {
    struct worker *worker = argument;
    while (!atomic_load(&stopping)) {
        double start = now_us();
        if (one_request() != 0) {
            worker->errors++;
            continue;
        }
        if (atomic_load(&stopping)) break; /* finished after the deadline: not counted */
        if (worker->count == worker->capacity) {
            worker->capacity = worker->capacity ? worker->capacity * 2 : 4096;
            worker->latencies = realloc(worker->latencies, worker->capacity * sizeof(long));
            if (!worker->latencies) abort();
        }
        worker->latencies[worker->count++] = (long)(now_us() - start);
        worker->completed++;
    }
    return NULL;
}

static int compare(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: newconn PORT PATH BODY_FILE CONNECTIONS SECONDS\n");
        return 2;
    }
    int port = atoi(argv[1]), connections = atoi(argv[4]);
    double seconds = atof(argv[5]);
    FILE *file = fopen(argv[3], "rb");
    if (!file || connections < 1 || seconds <= 0) {
        fprintf(stderr, "newconn: bad arguments\n");
        return 2;
    }
    fseek(file, 0, SEEK_END);
    long body_length = ftell(file);
    fseek(file, 0, SEEK_SET);
    char head[512];
    int head_length = snprintf(head, sizeof head,
                               "POST %s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kube-apiserver-admission\r\n"
                               "Content-Type: application/json\r\nContent-Length: %ld\r\nConnection: close\r\n\r\n",
                               argv[2], body_length);
    request_length = (size_t)head_length + (size_t)body_length;
    request = malloc(request_length);
    memcpy(request, head, (size_t)head_length);
    if (fread(request + head_length, 1, (size_t)body_length, file) != (size_t)body_length) return 2;
    fclose(file);

    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(context, SSL_OP_NO_TICKET);

    struct worker *workers = calloc((size_t)connections, sizeof *workers);
    double start = now_us();
    for (int i = 0; i < connections; i++) pthread_create(&workers[i].thread, NULL, run, &workers[i]);
    struct timespec pause = {(time_t)seconds, (long)((seconds - (long)seconds) * 1e9)};
    nanosleep(&pause, NULL);
    atomic_store(&stopping, 1);
    double elapsed = now_us() - start;
    long completed = 0, errors = 0;
    size_t total = 0;
    for (int i = 0; i < connections; i++) {
        pthread_join(workers[i].thread, NULL);
        completed += workers[i].completed;
        errors += workers[i].errors;
        total += workers[i].count;
    }
    long *all = malloc((total ? total : 1) * sizeof(long));
    size_t at = 0;
    for (int i = 0; i < connections; i++) {
        memcpy(all + at, workers[i].latencies, workers[i].count * sizeof(long));
        at += workers[i].count;
    }
    qsort(all, total, sizeof(long), compare);
#define PERCENTILE(p) (total ? all[(size_t)((p) / 100.0 * (double)(total - 1))] : 0)
    printf("requests=%ld duration_us=%.0f p50_us=%ld p99_us=%ld p999_us=%ld errors=%ld %s\n", completed, elapsed,
           PERCENTILE(50), PERCENTILE(99), PERCENTILE(99.9), errors, negotiated[0] ? negotiated : "protocol=none");
    return 0;
}
