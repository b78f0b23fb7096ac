//! A lean Server-Sent Events client: one TCP connection, the request written by
//! hand, the response read line by line. Ten thousand of these must cost the
//! load tool far less than they cost the server, so there is no HTTP library here.

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};

/// Bytes of read buffer per stream: a snapshot is a few KiB, later events far less.
const READ_BUFFER: usize = 4096;

/// Longest response head or chunk-size line accepted, so a broken server cannot
/// make the tool buffer without end.
const MAX_LINE: usize = 16 * 1024;

/// One event of the stream.
#[derive(Debug, Default)]
pub struct Event {
    /// Its `id:` field, if it had one.
    pub id: Option<String>,
    /// Its `data:` lines, joined by newlines.
    pub data: String,
}

/// Why a stream could not be opened or read.
#[derive(Debug)]
pub enum StreamError {
    /// The connection failed.
    Io(io::Error),
    /// The server answered with another status than 200.
    Status {
        /// HTTP status code.
        code: u16,
        /// The start of the response body, to show the server's error.
        body: String,
    },
    /// The server answered something that is not an event stream.
    Protocol(String),
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Io(e) => write!(f, "connection: {e}"),
            StreamError::Status { code, body } => write!(f, "HTTP {code}: {body}"),
            StreamError::Protocol(what) => write!(f, "not an event stream: {what}"),
        }
    }
}

impl From<io::Error> for StreamError {
    fn from(e: io::Error) -> Self {
        StreamError::Io(e)
    }
}

/// An open event stream.
pub struct EventStream {
    io: BufReader<TcpStream>,
    chunked: bool,
    /// Bytes left in the current chunk of a chunked body.
    chunk_left: usize,
    /// Body bytes read but not yet split into lines.
    pending: Vec<u8>,
    ended: bool,
}

impl EventStream {
    /// Connects to `server` (from `source` if given), asks for `path` with
    /// HTTP/1.1 keep-alive, and checks that an event stream comes back.
    pub async fn open(
        server: SocketAddr,
        source: Option<IpAddr>,
        path: &str,
    ) -> Result<Self, StreamError> {
        let socket = TcpSocket::new_v4()?;
        if let Some(source) = source {
            socket.bind(SocketAddr::new(source, 0))?;
        }
        let mut tcp = socket.connect(server).await?;
        tcp.set_nodelay(true)?;
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {server}\r\nAccept: text/event-stream\r\n\
             Cache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n"
        );
        tcp.write_all(request.as_bytes()).await?;
        let mut io = BufReader::with_capacity(READ_BUFFER, tcp);

        let status_line = read_line(&mut io).await?;
        let code = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or_else(|| StreamError::Protocol(format!("status line {status_line:?}")))?;
        let mut chunked = false;
        let mut content_length = None;
        let mut content_type = String::new();
        loop {
            let line = read_line(&mut io).await?;
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(StreamError::Protocol(format!("header {line:?}")));
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "content-length" => content_length = value.parse::<usize>().ok(),
                "content-type" => content_type = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        if code != 200 {
            let mut body = vec![0; content_length.unwrap_or(0).min(512)];
            // The body only explains the status; without it the status still says enough.
            let _ = io.read_exact(&mut body).await;
            return Err(StreamError::Status {
                code,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        if !content_type.starts_with("text/event-stream") {
            return Err(StreamError::Protocol(format!(
                "content type {content_type:?}"
            )));
        }
        Ok(Self {
            io,
            chunked,
            chunk_left: 0,
            pending: Vec::new(),
            ended: false,
        })
    }

    /// The next event, or `None` when the server ended the stream. Comments
    /// (keep-alives) are skipped.
    pub async fn next_event(&mut self) -> Result<Option<Event>, StreamError> {
        let mut event = Event::default();
        let mut has_data = false;
        loop {
            let mut start = 0;
            while let Some(at) = self.pending[start..].iter().position(|&b| b == b'\n') {
                let mut line = &self.pending[start..start + at];
                start += at + 1;
                if let [rest @ .., b'\r'] = line {
                    line = rest;
                }
                if line.is_empty() {
                    if has_data || event.id.is_some() {
                        self.pending.drain(..start);
                        return Ok(Some(event));
                    }
                    continue;
                }
                if line[0] == b':' {
                    continue;
                }
                let (field, value) = match line.iter().position(|&b| b == b':') {
                    Some(colon) => {
                        let value = &line[colon + 1..];
                        (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
                    }
                    None => (line, &[][..]),
                };
                let value = String::from_utf8_lossy(value);
                match field {
                    b"data" => {
                        if has_data {
                            event.data.push('\n');
                        }
                        event.data.push_str(&value);
                        has_data = true;
                    }
                    b"id" => event.id = Some(value.into_owned()),
                    _ => {}
                }
            }
            self.pending.drain(..start);
            if self.pending.len() > MAX_LINE * 64 {
                return Err(StreamError::Protocol("a line without end".into()));
            }
            if !self.fill().await? {
                return Ok(None);
            }
        }
    }

    /// Reads more of the body into `pending`; false once the body has ended.
    async fn fill(&mut self) -> Result<bool, StreamError> {
        if self.ended {
            return Ok(false);
        }
        if self.chunked && self.chunk_left == 0 {
            let size_line = read_line(&mut self.io).await?;
            if size_line.is_empty() {
                // A blank line where a size was due: the connection closed.
                self.ended = true;
                return Ok(false);
            }
            let size = size_line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| StreamError::Protocol(format!("chunk size {size_line:?}")))?;
            if size == 0 {
                self.ended = true;
                return Ok(false);
            }
            self.chunk_left = size;
        }
        let available = self.io.fill_buf().await?;
        if available.is_empty() {
            self.ended = true;
            return Ok(false);
        }
        let take = if self.chunked {
            available.len().min(self.chunk_left)
        } else {
            available.len()
        };
        self.pending.extend_from_slice(&available[..take]);
        self.io.consume(take);
        if self.chunked {
            self.chunk_left -= take;
            if self.chunk_left == 0 {
                let mut crlf = [0; 2];
                self.io.read_exact(&mut crlf).await?;
                if crlf != *b"\r\n" {
                    return Err(StreamError::Protocol("chunk without CRLF".into()));
                }
            }
        }
        Ok(true)
    }
}

/// One line of the response head, without its line ending; empty at a blank
/// line or at the end of the connection.
async fn read_line(io: &mut BufReader<TcpStream>) -> Result<String, StreamError> {
    let mut line = Vec::new();
    let read = (&mut *io)
        .take(MAX_LINE as u64)
        .read_until(b'\n', &mut line)
        .await?;
    if read == MAX_LINE && line.last() != Some(&b'\n') {
        return Err(StreamError::Protocol("a header line too long".into()));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| StreamError::Protocol("a header not in UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// Serves `response` (bytes as a server would write them) to one connection.
    async fn serve_once(response: Vec<u8>) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move {
            let (mut tcp, _) = listener.accept().await.expect("accept");
            let mut request = [0; 1024];
            let _ = tcp.read(&mut request).await;
            tcp.write_all(&response).await.expect("write");
        });
        address
    }

    /// A chunked event-stream response whose body is cut into `parts`.
    fn chunked(parts: &[&str]) -> Vec<u8> {
        let mut response = String::from(
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
             transfer-encoding: chunked\r\n\r\n",
        );
        for part in parts {
            response.push_str(&format!("{:x}\r\n{part}\r\n", part.len()));
        }
        response.push_str("0\r\n\r\n");
        response.into_bytes()
    }

    #[tokio::test]
    async fn reads_events_split_across_chunks() {
        // An event cut mid-line, a keep-alive comment, CRLF line endings.
        let server = serve_once(chunked(&[
            "id: 1\ndata: {\"type\"",
            ":\"snapshot\"}\n\n",
            ":\n\n",
            "id: 2\r\ndata: {\"type\":\"called\"}\r\n\r\n",
        ]))
        .await;
        let mut stream = EventStream::open(server, None, "/events")
            .await
            .expect("open");
        let first = stream.next_event().await.expect("read").expect("an event");
        assert_eq!(first.id.as_deref(), Some("1"));
        assert_eq!(first.data, r#"{"type":"snapshot"}"#);
        let second = stream.next_event().await.expect("read").expect("an event");
        assert_eq!(second.id.as_deref(), Some("2"));
        assert_eq!(second.data, r#"{"type":"called"}"#);
        assert!(stream.next_event().await.expect("read").is_none());
    }

    #[tokio::test]
    async fn a_missing_endpoint_is_reported_with_its_status_and_message() {
        let server = serve_once(
            b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 21\r\n\r\n\
              {\"error\":\"not_found\"}"
                .to_vec(),
        )
        .await;
        match EventStream::open(server, None, "/events").await {
            Err(StreamError::Status { code, body }) => {
                assert_eq!(code, 404);
                assert_eq!(body, r#"{"error":"not_found"}"#);
            }
            Err(other) => panic!("expected a status error, got {other}"),
            Ok(_) => panic!("a 404 opened a stream"),
        }
    }

    #[tokio::test]
    async fn a_plain_json_answer_is_not_taken_for_a_stream() {
        let server = serve_once(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
                .to_vec(),
        )
        .await;
        assert!(matches!(
            EventStream::open(server, None, "/events").await,
            Err(StreamError::Protocol(_))
        ));
    }
}
