// Chapter 4, threads: what threads share, fork vs threads vs copy-on-write, the browser's processes,
// concurrency vs parallelism, and synchronous vs asynchronous work.
import type { LevelInput } from '../level.ts';

const helloThreads: LevelInput = {
  id: 'hello-threads',
  order: 110,
  branch: 'main',
  concepts: ['threads-share'],
  player: { role: 'thread', threads: [{ process: 'hello' }] },
  scenario: {
    cores: 1,
    programs: { greet: ['load said', 'add 1', 'store said', 'exit'] },
    processes: [{
      name: 'hello',
      vars: { said: 0 },
      threads: [{ steered: true, program: ['spawn greet', 'spawn greet', 'spawn greet', 'exit'], palette: ['spawn greet', 'fork greet', 'exit'] }],
    }],
  },
  goal: 'finished == 1 and var.hello.said == 3',
  stars: ['var.hello.said == 3', 'events.forked == 0', 'peak.memory <= 7'],
  tickLimit: 40,
  title: { ko: '"hello, os" 세 번: 스레드는 무엇을 공유할까', en: '"hello, os" three times: what threads share' },
  goalText: {
    ko: 'hello 프로세스의 said 변수가 3이 되도록 인사를 세 번 하세요. 인사(greet)는 said에 1을 더합니다.',
    en: 'Greet three times so that the hello process\'s variable said reaches 3. Each greet adds 1 to said.',
  },
  card: {
    ko: [
      '스레드는 프로세스를 구성하는 실행 흐름의 단위입니다.',
      '스레드마다 스레드 ID, 프로그램 카운터를 비롯한 레지스터 값, 스택을 따로 가집니다.',
      '같은 프로세스의 스레드는 코드, 데이터, 힙 영역과 열린 파일을 공유합니다.',
      '프로세스끼리는 기본적으로 자원을 공유하지 않습니다. fork한 자식은 데이터 영역의 자기 복사본을 고칩니다.',
    ],
    en: [
      'A thread is a unit of execution inside a process.',
      'Each thread has its own thread ID, registers including the program counter, and its own stack.',
      'Threads of one process share its code, data and heap segments and its open files.',
      'Processes share nothing by default: a forked child changes its own copy of the data segment.',
    ],
  },
  hints: [
    { when: 'var.hello.said < 3', ko: 'fork한 자식 프로세스는 said의 복사본에 더합니다. hello의 said는 그대로입니다. 같은 데이터를 보려면 스레드(spawn)를 쓰세요.', en: 'A forked child adds to its own copy of said; hello\'s stays the same. Use threads (spawn) to share the data.' },
    { ko: '스레드는 스택 한 페이지만 더 쓰므로 메모리도 아낍니다.', en: 'A thread costs only one more stack page, so it also saves memory.' },
  ],
};

const forkOrThread: LevelInput = {
  id: 'fork-or-thread',
  order: 120,
  branch: 'main',
  concepts: ['fork-threads-cow', 'threads-share'],
  player: { role: 'thread', threads: [{ process: 'server' }] },
  scenario: {
    cores: 1,
    programs: {
      plugin: ['cpu 1', 'load config', 'cpu 1', 'fault'],
      counter: ['load hits', 'add 5', 'store hits', 'exit'],
    },
    processes: [{
      name: 'server',
      vars: { hits: 0, config: 1 },
      threads: [{
        steered: true,
        program: ['fork plugin', 'spawn counter', 'join', 'exit'],
        palette: ['fork plugin', 'spawn plugin', 'fork counter', 'spawn counter', 'join', 'exit'],
      }],
    }],
  },
  goal: 'finished == 1 and proc.server.faulted == 0 and var.server.hits == 5 and count.plugin == 1',
  stars: ['var.server.hits == 5', 'proc.server.completion >= proc.plugin.completion', 'elapsed <= 7'],
  tickLimit: 40,
  title: { ko: 'fork냐 스레드냐, 그리고 쓰기 시 복사', en: 'fork or thread, and copy-on-write' },
  goalText: {
    ko: 'server가 두 일을 맡깁니다. plugin은 설정을 읽다가 결국 죽고, counter는 server의 hits에 5를 더합니다. server는 살아남고 hits는 5가 되어야 합니다.',
    en: 'The server starts two jobs. plugin reads the config and then crashes; counter adds 5 to the server\'s hits. The server must survive and hits must reach 5.',
  },
  card: {
    ko: [
      'fork를 하면 코드, 데이터, 힙을 비롯한 자원이 통째로 복제되어 메모리에 적재됩니다. 같은 내용이 중복되니 낭비입니다.',
      '쓰기 시 복사(copy on write)는 fork 직후 페이지를 공유하다가, 어느 한쪽이 쓰는 순간에만 복사합니다.',
      '스레드는 프로세스의 자원을 공유하므로 메모리를 아끼고 협력과 통신에 유리합니다.',
      '하지만 한 스레드에 문제가 생기면 프로세스 전체가 멈춥니다. 프로세스는 서로 독립적이라 하나가 죽어도 다른 프로세스는 무사합니다.',
    ],
    en: [
      'fork duplicates everything, code, data and heap, into memory: the same content twice, a waste.',
      'Copy-on-write shares the pages right after fork and copies a page only when one side writes to it.',
      'Threads share the process\'s resources, so they save memory and cooperate easily.',
      'But one faulty thread takes the whole process down; processes are independent, so one crashing leaves the others alone.',
    ],
  },
  hints: [
    { when: 'proc.server.faulted == 1', ko: 'plugin을 스레드로 돌리면 plugin이 죽을 때 server 전체가 죽습니다. 위험한 일은 fork로 따로 떼어 내세요.', en: 'Run plugin as a thread and its crash kills the whole server: fork risky work into its own process.' },
    { when: 'var.server.hits != 5', ko: 'fork한 counter는 hits의 복사본에 씁니다(쓰기 시 복사). server의 hits를 바꾸려면 스레드로 돌리세요.', en: 'A forked counter writes to its copy of hits (copy-on-write). To change the server\'s hits, run it as a thread.' },
    { ko: 'plugin은 읽기만 하다 죽으니 plugin 쪽에서는 페이지가 복사되지 않습니다. 페이지는 누군가 쓰는 순간에만 복사됩니다(이벤트 목록의 "쓰기 시 복사").', en: 'plugin only reads before it dies, so it copies no pages; a page is copied only when someone writes to it (see "copy-on-write" in the event feed).' },
    { when: 'proc.server.completion < proc.plugin.completion', ko: 'server는 자식 plugin이 끝날 때까지 join으로 기다리세요.', en: 'Let the server wait (join) for its child plugin.' },
  ],
};

const browserTabs: LevelInput = {
  id: 'browser-tabs',
  order: 125,
  branch: 'optional',
  concepts: ['browser-multiprocess', 'fork-threads-cow'],
  player: { role: 'thread', threads: [{ process: 'browser' }] },
  scenario: {
    cores: 2,
    sharedMemory: { screen: { shown: 0 } },
    programs: {
      news: ['cpu 2', 'load screen.shown', 'add 1', 'store screen.shown', 'exit'],
      game: ['cpu 1', 'fault'],
      mail: ['cpu 5', 'load screen.shown', 'add 1', 'store screen.shown', 'exit'],
    },
    processes: [{
      name: 'browser',
      shm: ['screen'],
      threads: [{
        steered: true,
        program: ['fork news', 'fork game', 'fork mail', 'join', 'exit'],
        palette: ['fork news', 'spawn news', 'fork game', 'spawn game', 'fork mail', 'spawn mail', 'join', 'exit'],
      }],
    }],
  },
  goal: 'finished == 1 and proc.browser.faulted == 0 and shm.screen.shown == 2',
  stars: ['shm.screen.shown == 2', 'proc.browser.completion >= proc.mail.completion', 'elapsed <= 10'],
  tickLimit: 40,
  title: { ko: '웹 브라우저의 프로세스들', en: "The browser's processes" },
  goalText: {
    ko: '여러분은 브라우저 프로세스입니다. 탭 세 개(news, game, mail)를 여세요. 어떤 페이지는 오류로 죽습니다. 브라우저는 살아남고 정상 탭 두 개는 화면에 나와야 합니다.',
    en: 'You are the browser process. Open three tabs (news, game, mail). Some page will crash. The browser must survive and the two healthy tabs must reach the screen.',
  },
  card: {
    ko: [
      '웹 브라우저는 대표적인 멀티프로세스 시스템입니다.',
      '브라우저 프로세스는 주소 표시줄, 북마크, 뒤로 가기 버튼과 네트워크·파일 접근 권한을 맡습니다.',
      '렌더러 프로세스는 웹사이트가 보이는 부분을, 플러그인 프로세스는 플러그인을, GPU 프로세스는 GPU로 화면 그리기를 맡습니다.',
      '프로세스는 독립적이라 한 탭의 렌더러가 죽어도 브라우저와 다른 탭은 멀쩡합니다. 같은 프로세스의 스레드라면 함께 죽습니다.',
    ],
    en: [
      'A web browser is the classic multi-process system.',
      'The browser process owns the address bar, bookmarks, back and forward, and the right to use the network and files.',
      'Renderer processes draw what a site shows, plugin processes run plugins, and the GPU process draws the screen with the GPU.',
      'Processes are independent, so a crashing tab\'s renderer leaves the browser and the other tabs alone; threads of one process would go down together.',
    ],
  },
  hints: [
    { when: 'proc.browser.faulted == 1', ko: '탭을 스레드로 열면 한 탭이 죽을 때 브라우저 전체가 죽습니다. 탭마다 렌더러 프로세스를 fork 하세요.', en: 'Tabs opened as threads take the whole browser down when one crashes: fork a renderer process per tab.' },
    { when: 'proc.browser.completion < proc.mail.completion', ko: '브라우저는 탭들이 끝날 때까지 기다리세요(join).', en: 'Let the browser wait (join) until its tabs are done.' },
    { ko: '어느 페이지가 죽을지는 미리 알 수 없습니다. 그래서 브라우저는 모든 탭을 따로 떼어 둡니다.', en: 'You cannot know in advance which page will crash: that is why browsers isolate every tab.' },
  ],
};

const twoCores: LevelInput = {
  id: 'two-cores',
  order: 130,
  branch: 'main',
  concepts: ['concurrency-parallelism'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 2,
    quantum: 3,
    processes: [
      { name: 'encoder', threads: [{ program: ['cpu 6', 'exit'] }, { program: ['cpu 6', 'exit'] }] },
      { name: 'ui', arrival: 1, length: 2 },
    ],
  },
  goal: 'finished == 1 and elapsed <= 13',
  stars: ['elapsed <= 13', 'utilization >= 0.6', 'elapsed <= 11 and proc.ui.response <= 1'],
  tickLimit: 40,
  title: { ko: '동시성과 병렬성', en: 'Concurrency vs parallelism' },
  goalText: {
    ko: '코어가 두 개입니다. encoder의 두 스레드와 ui를 13틱 안에 끝내세요.',
    en: 'There are two cores. Finish encoder\'s two threads and ui within 13 ticks.',
  },
  card: {
    ko: [
      '동시성은 하나의 코어에서 여러 작업이 번갈아 가며 실행되는 것입니다. 멀티태스킹이라고도 합니다.',
      '시분할로 빠르게 전환하면 동시에 실행되는 것처럼 보입니다.',
      '병렬성은 멀티 코어에서 여러 작업을 실제로 동시에 실행하는 것입니다.',
      '한 프로세스의 스레드들도 여러 코어에서 병렬로 실행될 수 있습니다.',
    ],
    en: [
      'Concurrency is several tasks taking turns on one core: multitasking.',
      'Switching fast by time sharing makes them look simultaneous.',
      'Parallelism is several tasks really running at the same time on several cores.',
      'The threads of one process can run in parallel on several cores too.',
    ],
  },
  hints: [
    { when: 'utilization < 0.6', ko: '코어 하나만 쓰면 번갈아 실행(동시성)될 뿐입니다. 두 코어에 나눠 올리세요(병렬성).', en: 'With one core the work only takes turns (concurrency): spread it over both cores (parallelism).' },
    { ko: '타임 슬라이스가 끝나 준비 상태로 돌아온 스레드는 비어 있는 코어에 다시 올리세요.', en: 'When a thread comes back to Ready at the end of its slice, put it on a free core again.' },
  ],
};

const threadSwitch: LevelInput = {
  id: 'thread-switch',
  order: 132,
  branch: 'main',
  concepts: ['context-switch', 'threads-share'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    quantum: 2,
    switchCost: 4,
    cacheMissCost: 2,
    devices: { disk: 3 },
    processes: [
      { name: 'batch', program: ['load rows', 'cpu 3'] },
      { name: 'web', threads: [{ program: ['load page', 'cpu 1', 'io disk', 'load page', 'cpu 1'] }, { program: ['load page', 'cpu 1', 'io disk', 'load page', 'cpu 1'] }] },
    ],
  },
  goal: 'finished == 1 and switchTicks <= 12',
  stars: ['switchTicks <= 12', 'cacheFlushes <= 1', 'switchTicks <= 10'],
  tickLimit: 60,
  title: { ko: '스레드 간 문맥 교환은 더 싸다', en: 'A switch between threads is cheaper' },
  goalText: {
    ko: '타임 슬라이스는 2틱입니다. 다른 프로세스로 바꾸면 문맥 교환에 4틱, 같은 프로세스의 다른 스레드로 바꾸면 2틱이 듭니다. 다른 프로세스로 바꾸면 캐시도 비워져(캐시 플러시) 다음 load가 캐시 미스로 2틱 더 걸립니다. web의 두 스레드와 batch를 문맥 교환 12틱 이하로 끝내세요.',
    en: 'The time slice is 2 ticks. Switching to another process costs 4 ticks; to another thread of the same process, 2. A switch to another process also flushes the cache, so its next load misses and takes 2 ticks more. Finish web\'s two threads and batch with at most 12 ticks lost to switching.',
  },
  card: {
    ko: [
      '문맥 교환은 실행 중인 것의 문맥을 PCB에 저장하고 다음 것의 문맥을 복구하는 일입니다.',
      '스레드는 코드, 데이터, 힙을 공유하므로 같은 프로세스의 스레드끼리 바꿀 때는 주소 공간을 바꾸지 않습니다.',
      '그래서 멀티스레드는 멀티프로세스보다 문맥 교환 비용이 낮습니다.',
      '멀티프로세스는 문맥 교환 때 캐시도 비워야 해서 오버헤드가 더 큽니다.',
    ],
    en: [
      'A context switch saves what was running to its PCB and restores the next one\'s context.',
      'Threads share code, data and heap, so switching between threads of one process keeps the address space.',
      'That is why multithreading has a lower context-switch cost than multiprocessing.',
      'Between processes the cache must be flushed as well, so the overhead is larger.',
    ],
  },
  hints: [
    { when: 'cacheFlushes > 1', ko: '다른 프로세스로 바꿀 때마다 캐시가 비워져 web의 page를 다시 읽어야 합니다(캐시 미스). web의 스레드끼리 바꾸면 캐시가 그대로 남습니다.', en: "Every switch to another process flushes the cache, so web's page must be fetched again (a cache miss). Switching between web's threads keeps the cache warm." },
    { when: 'threadSwitches < 2', ko: 'web의 스레드 하나가 디스크를 기다리면, 다른 web 스레드로 바꾸는 편이 batch로 바꾸는 것보다 쌉니다.', en: 'When one web thread waits for the disk, switching to the other web thread is cheaper than switching to batch.' },
    { ko: '프로세스를 바꿀 때마다 4틱이 듭니다. batch는 한 번에 끝까지 실행하세요.', en: 'Every change of process costs 4 ticks: run batch to the end in one go.' },
  ],
};

const asyncFetch: LevelInput = {
  id: 'async-fetch',
  order: 135,
  branch: 'main',
  concepts: ['sync-async', 'threads-share'],
  player: { role: 'thread', threads: [{ process: 'app' }] },
  scenario: {
    cores: 1,
    devices: { news: 3, mail: 3, weather: 3 },
    programs: { getNews: ['io news', 'exit'], getMail: ['io mail', 'exit'], getWeather: ['io weather', 'exit'] },
    processes: [{
      name: 'app',
      threads: [{
        steered: true,
        program: ['spawn getNews', 'spawn getMail', 'spawn getWeather', 'cpu 2', 'exit'],
        palette: ['io news', 'io mail', 'io weather', 'spawn getNews', 'spawn getMail', 'spawn getWeather', 'cpu 2', 'exit'],
      }],
    }],
  },
  goal: 'finished == 1 and dev.news.served == 1 and dev.mail.served == 1 and dev.weather.served == 1 and proc.app.cpu >= 2 and elapsed <= 9',
  stars: ['elapsed <= 9', 'elapsed <= 7', 'elapsed <= 6'],
  tickLimit: 40,
  title: { ko: '동기와 비동기', en: 'Synchronous vs asynchronous' },
  goalText: {
    ko: '앱이 뉴스, 메일, 날씨 세 서버에서 데이터를 받고 화면을 그려야(cpu 2) 합니다. 요청마다 3틱 걸립니다. 9틱 안에 끝내세요.',
    en: 'The app must fetch from three servers, news, mail and weather, and draw the screen (cpu 2). Each request takes 3 ticks. Finish within 9 ticks.',
  },
  card: {
    ko: [
      '동기 방식은 요청 하나가 완료된 뒤에 다음 요청을 실행합니다. 순차적이고, 결과도 요청 순서대로 나옵니다.',
      '비동기 방식은 여러 요청이 앞선 작업과 무관하게 실행됩니다. 요청 순서와 결과 순서가 다를 수 있습니다.',
      'io를 직접 하면 그 스레드는 끝날 때까지 대기 상태입니다.',
      '요청마다 스레드를 만들면(spawn) 기다림이 겹치고, 그동안 화면도 그릴 수 있습니다.',
    ],
    en: [
      'Synchronous: the next request starts only after the previous one completes; results come in request order.',
      'Asynchronous: requests run independently of earlier work; results may come back in a different order.',
      'A thread that does the io itself is Blocked until it completes.',
      'Spawn a thread per request and the waits overlap, while you draw the screen meanwhile.',
    ],
  },
  hints: [
    { when: 'elapsed > 9', ko: 'io news → io mail → io weather를 차례로 하면 9틱을 기다립니다(동기). 요청을 스레드에 맡겨 동시에 기다리세요(비동기).', en: 'io news → io mail → io weather one after another waits 9 ticks (synchronous). Hand each request to a thread so the waits overlap (asynchronous).' },
    { ko: '요청을 맡긴 뒤 cpu 2로 화면을 그리고 exit 하세요.', en: 'After handing the requests off, draw with cpu 2, then exit.' },
  ],
};

/** Chapter 4's levels. */
export const CHAPTER_4: LevelInput[] = [helloThreads, forkOrThread, browserTabs, twoCores, threadSwitch, asyncFetch];
