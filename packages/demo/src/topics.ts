/**
 * What synthetic users talk about: interest clusters over real IAB Audience Taxonomy 1.1
 * Interest ids, each interest with its own vocabulary. Messages are composed from these
 * (see `messages.ts`) in many sentence shapes, so a message is never just a keyword.
 *
 * - `things`: bare noun phrases (products, gear, places) that read after "best …" or "cheap …".
 * - `doing`: gerund phrases that read after "any tips for …" or "I've been … lately".
 * - `prompts`: whole prompts as people type them; `{thing}` and `{doing}` are filled in.
 */
export interface Topic {
  readonly id: string;
  readonly name: string;
  readonly things: readonly string[];
  readonly doing: readonly string[];
  readonly prompts: readonly string[];
}

export interface Cluster {
  readonly name: string;
  readonly topics: readonly Topic[];
}

export const CLUSTERS: readonly Cluster[] = [
  {
    name: 'home cooking',
    topics: [
      {
        id: '371',
        name: 'Cooking',
        things: [
          'cast iron skillet',
          'chef knife',
          'dutch oven',
          'non-stick pans',
          'instant pot',
          'air fryer',
          'spice rack',
        ],
        doing: [
          'meal prepping for the week',
          'cooking dinner for six',
          'learning to cook from scratch',
          'making homemade pasta',
          'cooking a roast chicken',
        ],
        prompts: [
          'what can I make for dinner with chicken thighs, rice and a bag of spinach?',
          'how long do I braise short ribs in the dutch oven?',
          'my risotto always turns out gluey, what am I doing wrong',
          'give me 5 weeknight dinners that take under 30 min and use one pan',
          'substitute for buttermilk in a marinade?',
          'is an air fryer worth it if I cook like 4 nights a week',
        ],
      },
      {
        id: '372',
        name: 'Desserts and Baking',
        things: ['stand mixer', 'sourdough starter', 'bundt pan', 'baking steel', 'piping bags'],
        doing: [
          'baking sourdough',
          'baking a birthday cake',
          'making macarons',
          'baking cookies with the kids',
        ],
        prompts: [
          'my sourdough loaf comes out flat and dense, is my starter too weak?',
          'can I swap butter for oil in banana bread and how much',
          'how do I keep a cheesecake from cracking in the oven',
          'convert this cake recipe from cups to grams: 2 cups flour, 1 cup sugar, 1/2 cup butter',
        ],
      },
      {
        id: '370',
        name: 'Barbecues and Grilling',
        things: ['pellet grill', 'charcoal chimney', 'meat thermometer', 'smoker', 'gas grill'],
        doing: ['smoking a brisket', 'grilling burgers for the neighbours', 'doing low and slow ribs'],
        prompts: [
          'what temp should I pull a pork shoulder off the smoker?',
          'brisket stalled at 160 for two hours, do I wrap it now?',
          'pellet grill vs kamado for a beginner who mostly does ribs and chicken',
        ],
      },
      {
        id: '380',
        name: 'World Cuisines',
        things: ['wok', 'tandoori masala', 'gochujang', 'tortilla press', 'rice cooker'],
        doing: [
          'cooking authentic thai curry',
          'making ramen broth',
          'making dumplings from scratch',
          'cooking indian food at home',
        ],
        prompts: [
          'how do I make a proper pad thai like the street stalls in Bangkok',
          'difference between garam masala and curry powder in a dal?',
          'easy mexican mole recipe that does not take all day',
        ],
      },
      {
        id: '376',
        name: 'Healthy Cooking and Eating',
        things: ['meal prep containers', 'high protein recipes', 'salad spinner', 'overnight oats'],
        doing: [
          'eating cleaner during the week',
          'meal prepping high protein lunches',
          'cutting back on takeout',
        ],
        prompts: [
          'give me a week of high protein lunches I can prep on sunday',
          'healthy snacks for work that are not just almonds lol',
          'lighter version of mac and cheese that still tastes good?',
        ],
      },
      {
        id: '459',
        name: 'Home Entertaining',
        things: ['charcuterie board', 'cocktail shaker', 'party playlist', 'table settings'],
        doing: ['hosting a dinner party', 'throwing a housewarming', 'hosting friendsgiving'],
        prompts: [
          'hosting 10 people saturday, what can I make ahead so I am not stuck in the kitchen',
          'fun theme ideas for a dinner party with coworkers',
        ],
      },
    ],
  },
  {
    name: 'outdoors',
    topics: [
      {
        id: '725',
        name: 'Camping',
        things: [
          '2-person tent',
          'sleeping bag rated to 20 degrees',
          'camp stove',
          'sleeping pad',
          'headlamp',
          'bear canister',
        ],
        doing: [
          'camping at Yosemite',
          'car camping with friends',
          'backpacking for three nights',
          'camping in the rain',
        ],
        prompts: [
          'best way to keep food cold for a 4 day camping trip without electricity',
          'how do I stop condensation inside my tent overnight',
          'first time camping next weekend, what am I forgetting? we have a tent and a cooler',
          'is a {thing} overkill for summer campsites?',
          'easy campfire dinners that are not hot dogs',
        ],
      },
      {
        id: '720',
        name: 'Adventure Travel',
        things: ['trekking poles', 'travel insurance for trekking', 'hiking boots', 'packable rain jacket'],
        doing: [
          'trekking to Everest base camp',
          'hiking Patagonia',
          'doing the Inca Trail',
          'hiking the Appalachian Trail',
        ],
        prompts: [
          'how fit do I need to be for the W trek in Torres del Paine',
          'any tips for breaking in new trail runners before a 20 mile hike?',
          'altitude sickness prevention for a kilimanjaro climb, what do guides recommend',
          'plan a 10 day adventure trip in Costa Rica with zip lining and volcano hikes',
        ],
      },
      {
        id: '672',
        name: 'Walking',
        things: ['walking shoes', 'step counter', 'waterproof walking boots', 'hiking socks'],
        doing: [
          'walking 10k steps a day',
          'hiking local trails on weekends',
          'going on long walks after work',
        ],
        prompts: [
          'good day hikes near Denver under 8 miles?',
          'how many calories does a brisk 5 mile walk burn roughly',
          'my feet hurt after long walks, should I get new walking shoes?',
        ],
      },
      {
        id: '633',
        name: 'Climbing',
        things: ['climbing shoes', 'chalk bag', 'crash pad', 'belay device', 'quickdraws'],
        doing: ['bouldering at the gym', 'learning to lead climb', 'climbing outdoors for the first time'],
        prompts: [
          'stuck on V3 for months, how do I break through in bouldering',
          'how tight should climbing shoes fit for a beginner',
          'what do I need to know before my first outdoor sport climbing trip',
        ],
      },
      {
        id: '632',
        name: 'Canoeing and Kayaking',
        things: ['sit-on-top kayak', 'paddle', 'dry bag', 'spray skirt', 'inflatable kayak'],
        doing: ['kayaking on the lake', 'paddling a canoe down the river', 'sea kayaking'],
        prompts: [
          'inflatable kayak vs hardshell for someone with a small apartment',
          'how do I get back in a kayak if I capsize in deep water',
        ],
      },
      {
        id: '665',
        name: 'Sports Equipment',
        things: ['hydration pack', 'gps watch', 'merino base layers', 'down jacket', 'trail running shoes'],
        doing: ['shopping for new outdoor gear', 'upgrading my gear for winter'],
        prompts: [
          'is merino worth the price over synthetic base layers?',
          'rei sale is on, what gear is actually worth buying on discount',
          'down vs synthetic jacket for wet climates',
        ],
      },
      {
        id: '643',
        name: 'Fishing Sports',
        things: ['spinning reel', 'fly rod', 'tackle box', 'fishing kayak'],
        doing: ['fly fishing for trout', 'bass fishing on the weekend', 'fishing off the pier'],
        prompts: ['best bait for catfish in a muddy river?', 'how do I tie a palomar knot, step by step'],
      },
    ],
  },
  {
    name: 'new parents',
    topics: [
      {
        id: '354',
        name: 'Parenting Babies and Toddlers',
        things: [
          'stroller',
          'convertible car seat',
          'baby monitor',
          'baby carrier',
          'bottle warmer',
          'diaper bag',
          'crib mattress',
        ],
        doing: [
          'sleep training our 6 month old',
          'potty training a toddler',
          'starting solids with the baby',
          'traveling with a newborn',
        ],
        prompts: [
          'when should we switch from the infant car seat to a convertible car seat?',
          'our 8 month old wakes up every 2 hours, is that normal or should we try sleep training',
          'jogging stroller vs travel system for city sidewalks?',
          'toddler refuses everything except pasta, ideas?',
          'what do I actually need on a baby registry, everyone says something different',
          'how do you install a rear facing car seat in a small sedan',
        ],
      },
      {
        id: '350',
        name: 'Parenting',
        things: ['chore chart', 'family calendar app', 'screen time rules', 'allowance system'],
        doing: ['balancing work and parenting', 'raising two kids close in age', 'co-parenting schedules'],
        prompts: [
          'how do I get my kids to help with chores without a fight every night',
          'fun rainy day activities for a 3 and a 6 year old at home',
          'how much allowance is normal for an 8 year old',
        ],
      },
      {
        id: '355',
        name: 'Parenting Children Aged 4-11',
        things: ['kids bike', 'lunchbox ideas', 'reading chart', 'science kits'],
        doing: [
          'getting my 7 year old to read more',
          'planning a kids birthday party',
          'packing school lunches',
        ],
        prompts: [
          'birthday party ideas for a 6 year old who loves dinosaurs, budget 200',
          'quick school lunch ideas a picky 9 year old will actually eat',
          'my son is 5, is it too early for a bike without training wheels?',
        ],
      },
      {
        id: '679',
        name: "Children's Clothing",
        things: ['toddler shoes', 'baby sleep sacks', 'kids winter coat', 'school uniforms'],
        doing: ['shopping for back to school clothes', 'buying clothes for a growing toddler'],
        prompts: [
          'what size clothes should I buy for a baby due in december',
          'how many outfits does a newborn really need',
        ],
      },
      {
        id: '352',
        name: 'Daycare and Pre-School',
        things: ['daycare tour checklist', 'preschool backpack', 'nanny share'],
        doing: ['looking for a daycare', 'preparing for the first day of preschool'],
        prompts: [
          'questions to ask when touring a daycare center',
          'nanny share vs daycare cost for one infant, pros and cons',
        ],
      },
    ],
  },
  {
    name: 'gaming',
    topics: [
      {
        id: '737',
        name: 'PC Games',
        things: ['gaming pc build', 'mechanical keyboard', '144hz monitor', 'gaming mouse', 'steam deck'],
        doing: [
          'playing Baldurs Gate 3',
          'grinding ranked in Valorant',
          'playing Cyberpunk on ultra',
          'modding Skyrim',
        ],
        prompts: [
          'what mods should I install for a first playthrough of skyrim',
          'why does my fps drop in cyberpunk when driving, settings help',
          'best co-op games on steam for two people under $20',
          'tips for a beginner in counter strike 2, I keep dying first',
        ],
      },
      {
        id: '703',
        name: 'Consumer Electronics',
        things: [
          'rtx 4070',
          'ryzen 7 cpu',
          'noise cancelling headphones',
          'ssd upgrade',
          'mini pc',
          '4k tv',
          'smartwatch',
        ],
        doing: ['building my first pc', 'upgrading my gpu', 'picking a new laptop'],
        prompts: [
          'is a 650w psu enough for an rtx 4070 and a 7800x3d',
          'laptop for college under 900 that can handle light gaming',
          'airpods pro vs sony xm5 for the gym and flights',
          'my pc turns on but no display, gpu fans spin, what should I check first',
        ],
      },
      {
        id: '734',
        name: 'Console Games',
        things: ['ps5', 'xbox series x', 'nintendo switch', 'dualsense controller'],
        doing: [
          'playing Zelda Tears of the Kingdom',
          'trying to platinum Elden Ring',
          'playing Mario Kart with the kids',
        ],
        prompts: [
          'ps5 or switch for a family with two kids under 10',
          'where do I find the master sword in tears of the kingdom',
          'is game pass worth it if I mostly play sports games',
        ],
      },
      {
        id: '736',
        name: 'Mobile Games',
        things: ['phone cooler', 'mobile controller', 'gacha pulls'],
        doing: ['playing Genshin Impact', 'grinding Clash Royale', 'playing Pokemon Go'],
        prompts: [
          'best free mobile games without pay to win',
          'genshin team comp for a new player with only 4 stars',
        ],
      },
      {
        id: '735',
        name: 'eSports',
        things: ['worlds tickets', 'esports team jersey'],
        doing: ['watching the League worlds final', 'following the CS2 majors'],
        prompts: [
          'who won the last league of legends worlds and how did the final go',
          'how do esports players practice, like how many hours a day',
        ],
      },
    ],
  },
  {
    name: 'running and fitness',
    topics: [
      {
        id: '410',
        name: 'Running and Jogging',
        things: ['running shoes', 'carbon plated racers', 'running vest', 'foam roller', 'gps running watch'],
        doing: [
          'training for a half marathon',
          'running my first 5k',
          'training for the Chicago marathon',
          'getting back into running',
        ],
        prompts: [
          'make me a 12 week half marathon plan, I can run 3 times a week',
          'shins hurt after running on pavement, should I switch running shoes?',
          'how do I get my 10k time under 50 minutes',
          'what should I eat the morning of a marathon',
        ],
      },
      {
        id: '408',
        name: 'Fitness and Exercise',
        things: ['adjustable dumbbells', 'kettlebell', 'resistance bands', 'home gym rack', 'rowing machine'],
        doing: ['working out at home', 'starting a push pull legs split', 'doing HIIT three times a week'],
        prompts: [
          'build me a 3 day full body workout with only dumbbells',
          'how long should I rest between sets for hypertrophy',
          'would {thing} be enough for a home gym or do I need more',
          'best stretches after leg day, I can barely walk',
        ],
      },
      {
        id: '674',
        name: 'Weightlifting',
        things: ['lifting belt', 'olympic barbell', 'squat shoes', 'bumper plates'],
        doing: ['working on my deadlift form', 'running 5x5', 'trying to bench 225'],
        prompts: [
          'my lower back rounds on deadlifts, cues to fix it?',
          'starting strength vs 5/3/1 for a beginner who can squat 135',
        ],
      },
      {
        id: '625',
        name: 'Cycling',
        things: ['road bike', 'gravel bike', 'bike trainer', 'clipless pedals', 'bike lights'],
        doing: ['commuting by bike', 'training for a century ride', 'riding gravel on weekends'],
        prompts: [
          'gravel bike or road bike if I ride 50/50 pavement and dirt',
          'how do I fix a flat on a tubeless tire on the road',
          'what tire pressure should I run on 32mm tires, I weigh 80kg',
        ],
      },
      {
        id: '667',
        name: 'Swimming',
        things: ['swim goggles', 'pull buoy', 'wetsuit', 'kickboard'],
        doing: ['swimming laps before work', 'learning freestyle breathing', 'training for open water swims'],
        prompts: [
          'I get out of breath after one lap of freestyle, how do I breathe properly',
          'swim workout for 45 minutes for an intermediate swimmer',
        ],
      },
      {
        id: '409',
        name: 'Participant Sports',
        things: ['pickleball paddle', 'rec league registration', 'shin guards'],
        doing: ['playing pickleball', 'joining a rec soccer league', 'playing five-a-side'],
        prompts: [
          'pickleball paddle recommendations for a former tennis player',
          'how do I find an adult rec league in my city',
        ],
      },
    ],
  },
  {
    name: 'travel',
    topics: [
      {
        id: '719',
        name: 'Travel',
        things: [
          'carry-on suitcase',
          'packing cubes',
          'travel adapter',
          'checked luggage',
          'neck pillow',
          'travel backpack',
        ],
        doing: ['traveling carry-on only', 'planning a two week trip', 'booking flights for the holidays'],
        prompts: [
          'hard shell or soft carry-on luggage for lots of connecting flights?',
          'what size suitcase fits in the overhead bin on most airlines',
          'cheapest day of the week to book flights, is that still a thing?',
          'help me pack for 10 days in Asia with just a carry-on and a daypack',
        ],
      },
      {
        id: '727',
        name: 'Europe Travel',
        things: ['eurail pass', 'city museum pass', 'train tickets Paris to Amsterdam'],
        doing: ['backpacking through Europe', 'visiting Rome and Florence', 'doing a Europe trip by train'],
        prompts: [
          'plan a 7 day itinerary for Lisbon and Porto in May',
          'is the eurail pass worth it for 3 countries in 2 weeks',
          'what neighbourhood should we stay in Barcelona with kids',
        ],
      },
      {
        id: '722',
        name: 'Asia Travel',
        things: ['jr pass', 'pocket wifi', 'suica card'],
        doing: [
          'visiting Japan in cherry blossom season',
          'backpacking Vietnam',
          'island hopping in Thailand',
        ],
        prompts: [
          'two weeks in Japan first time, Tokyo Kyoto Osaka, how to split the days',
          'best islands in the Philippines for snorkeling and not too crowded',
          'is Bali too touristy now, alternatives?',
        ],
      },
      {
        id: '724',
        name: 'Beach Travel',
        things: ['reef safe sunscreen', 'beach tent', 'snorkel set', 'all-inclusive resort'],
        doing: [
          'planning a beach vacation',
          'going to Cancun for spring break',
          'booking a resort in the Maldives',
        ],
        prompts: [
          'all inclusive in Punta Cana or Cancun for a couples trip in march',
          'best beaches in Goa that are quiet in december',
        ],
      },
      {
        id: '731',
        name: 'Road Trips',
        things: ['roof cargo box', 'car phone mount', 'road trip playlist', 'cooler for the car'],
        doing: ['driving Route 66', 'road tripping the Pacific Coast Highway', 'driving cross country'],
        prompts: [
          'plan a 5 day road trip from LA to Zion and the Grand Canyon',
          'road trip games for adults that are not 20 questions',
          'how many hours a day is reasonable to drive on a long road trip',
        ],
      },
      {
        id: '728',
        name: 'Family Travel',
        things: ['travel crib', 'kids tablet holder', 'family suite'],
        doing: ['flying with a toddler', 'taking the kids to Disney World', 'planning a family vacation'],
        prompts: [
          'how do I survive a 12 hour flight with a 2 year old',
          'disney world with a 4 and 7 year old, which parks and how many days',
          'family friendly resorts with a kids club in Mexico',
        ],
      },
    ],
  },
  {
    name: 'home and garden',
    topics: [
      {
        id: '458',
        name: 'Gardening',
        things: [
          'raised garden bed',
          'tomato cages',
          'compost bin',
          'drip irrigation',
          'seed starting trays',
        ],
        doing: ['growing tomatoes on the balcony', 'starting a vegetable garden', 'growing herbs indoors'],
        prompts: [
          'why are the leaves on my tomato plants turning yellow from the bottom',
          'what can I plant in october in zone 7',
          'how often should I water tomatoes in a raised bed in summer heat',
        ],
      },
      {
        id: '460',
        name: 'Home Improvement',
        things: ['cordless drill', 'stud finder', 'paint sprayer', 'laminate flooring', 'tile saw'],
        doing: ['repainting the living room', 'fixing a leaky faucet', 'installing floating shelves'],
        prompts: [
          'how do I patch a fist sized hole in drywall',
          'what paint finish for a bathroom that gets steamy',
          'can I install laminate over old tile or do I need to rip it out',
        ],
      },
      {
        id: '461',
        name: 'Interior Decorating',
        things: ['area rug', 'accent chair', 'gallery wall frames', 'floor lamp'],
        doing: ['redecorating a small apartment', 'picking paint colors', 'styling bookshelves'],
        prompts: [
          'my living room feels dark and cramped, cheap ways to make it feel bigger',
          'what size rug goes under a queen bed',
        ],
      },
      {
        id: '465',
        name: 'Smart Home',
        things: ['smart thermostat', 'video doorbell', 'smart plugs', 'mesh wifi'],
        doing: ['setting up home assistant', 'automating the lights'],
        prompts: [
          'which smart thermostat works with both alexa and google home',
          'mesh wifi for a 3 floor house, do I need 3 nodes?',
        ],
      },
      {
        id: '433',
        name: 'Woodworking',
        things: ['table saw', 'wood glue', 'chisels', 'router table'],
        doing: ['building a workbench', 'making a cutting board', 'refinishing an old dresser'],
        prompts: [
          'best finish for a walnut cutting board that is food safe',
          'beginner woodworking projects that only need hand tools',
        ],
      },
    ],
  },
  {
    name: 'pets',
    topics: [
      {
        id: '544',
        name: 'Dogs',
        things: ['dog crate', 'no pull harness', 'puzzle feeder', 'dog bed', 'dog food'],
        doing: ['crate training a puppy', 'teaching my dog recall', 'walking two dogs at once'],
        prompts: [
          'my puppy cries in the crate every night, how long does that last',
          'how much should a 30 pound dog eat per day',
          'how do I stop my dog from pulling on the leash',
        ],
      },
      {
        id: '543',
        name: 'Cats',
        things: ['cat tree', 'self cleaning litter box', 'cat fountain', 'scratching post'],
        doing: ['introducing a new kitten to my older cat', 'keeping my cat off the counters'],
        prompts: [
          'why does my cat knock things off the table at 3am',
          'best litter for a small apartment that does not smell',
        ],
      },
      {
        id: '548',
        name: 'Pet Adoptions',
        things: ['adoption application', 'rescue dog supplies'],
        doing: ['adopting a rescue dog', 'fostering kittens'],
        prompts: [
          'what should I ask the shelter before adopting an adult dog',
          'first week checklist after adopting a rescue cat',
        ],
      },
    ],
  },
  {
    name: 'tech and careers',
    topics: [
      {
        id: '702',
        name: 'Programming Languages',
        things: ['typescript generics', 'python virtualenv', 'rust borrow checker', 'sql window functions'],
        doing: ['learning python', 'learning rust', 'refactoring a legacy java codebase'],
        prompts: [
          'explain the difference between let and const in javascript with an example',
          'why is my python loop so slow on a 1 million row csv',
          'write a regex that matches an email address, and explain it',
          'how do I center a div, for real this time',
        ],
      },
      {
        id: '688',
        name: 'Artificial Intelligence',
        things: ['local llm', 'vector database', 'fine tuning dataset'],
        doing: ['building a chatbot for my side project', 'learning machine learning'],
        prompts: [
          'what is the difference between fine tuning and RAG, in plain words',
          'how much vram do I need to run a 7b model locally',
        ],
      },
      {
        id: '340',
        name: 'Career Advice',
        things: ['resume template', 'cover letter', 'linkedin headline'],
        doing: ['preparing for a job interview', 'negotiating a raise', 'switching careers into tech'],
        prompts: [
          'rewrite my resume bullet: "responsible for managing social media accounts"',
          'how do I answer "what is your biggest weakness" without sounding fake',
          'I got an offer, how do I negotiate 10% more without losing it',
        ],
      },
      {
        id: '342',
        name: 'Remote Working',
        things: ['standing desk', 'ergonomic chair', 'webcam', 'monitor arm'],
        doing: ['working from home full time', 'setting up a home office'],
        prompts: [
          'how do I stay focused working from home with kids around',
          'best {thing} for a small home office under 400',
        ],
      },
      {
        id: '277',
        name: 'Startups',
        things: ['pitch deck', 'cap table', 'saas pricing page'],
        doing: ['starting an online business', 'raising a seed round'],
        prompts: [
          'what should go in a 10 slide pitch deck for a pre-seed round',
          'how do I validate a startup idea before quitting my job',
        ],
      },
      {
        id: '214',
        name: 'Language Learning',
        things: ['duolingo streak', 'anki flashcards', 'italki tutor'],
        doing: ['learning Spanish', 'learning Japanese', 'practicing French conversation'],
        prompts: [
          'how do I get past the intermediate plateau in spanish',
          'correct my french: "je suis allé au magasin hier et j\'ai acheté des pommes"',
        ],
      },
    ],
  },
  {
    name: 'personal finance',
    topics: [
      {
        id: '538',
        name: 'Personal Investing',
        things: ['index funds', 'roth ira', 'brokerage account', 'dividend stocks'],
        doing: ['investing my first paycheck', 'rebalancing my portfolio', 'dollar cost averaging'],
        prompts: [
          'explain index funds vs ETFs like I am new to investing',
          'is it smart to put 15% of my salary into an S&P 500 fund',
          'what is an expense ratio and why does everyone care',
        ],
      },
      {
        id: '540',
        name: 'Retirement Planning',
        things: ['401k match', 'pension calculator', 'retirement budget'],
        doing: ['planning to retire at 55', 'catching up on retirement savings'],
        prompts: [
          'how much do I need saved to retire at 60 with 50k a year in expenses',
          'should I roll my old 401k into an IRA',
        ],
      },
      {
        id: '539',
        name: 'Personal Taxes',
        things: ['tax return', 'standard deduction', 'w-4 form'],
        doing: ['filing taxes as a freelancer', 'doing my own taxes'],
        prompts: [
          'can I deduct my home office if I am a freelancer',
          'what is the difference between a tax credit and a deduction',
        ],
      },
      {
        id: '535',
        name: 'Frugal Living',
        things: ['grocery budget', 'cashback app', 'meal plan on a budget'],
        doing: ['cutting my grocery bill', 'doing a no spend month'],
        prompts: [
          'feed a family of four on 100 a week, give me a meal plan',
          'easy ways to cut monthly subscriptions I forgot about',
        ],
      },
    ],
  },
  {
    name: 'sports fans',
    topics: [
      {
        id: '663',
        name: 'Soccer',
        things: ['football boots', 'premier league tickets', 'fifa jersey'],
        doing: ['watching the Champions League', 'coaching a youth soccer team'],
        prompts: [
          'explain the offside rule like I am new to football',
          'who has the most champions league goals ever',
          'drills for an under 10 soccer team with only 40 minutes of practice',
        ],
      },
      {
        id: '614',
        name: 'Basketball',
        things: ['basketball shoes', 'nba league pass', 'outdoor basketball'],
        doing: ['watching the NBA playoffs', 'working on my jump shot'],
        prompts: [
          'who are the favorites for nba mvp this season and why',
          'how do I improve my free throw percentage',
        ],
      },
      {
        id: '608',
        name: 'American Football',
        things: ['nfl sunday ticket', 'football jersey'],
        doing: ['watching the NFL on sundays', 'hosting a super bowl party'],
        prompts: ['explain what a nickel defense is', 'super bowl party food for 15 people'],
      },
      {
        id: '624',
        name: 'Cricket',
        things: ['cricket bat', 'ipl tickets'],
        doing: ['watching the IPL', 'playing weekend cricket'],
        prompts: [
          'who has the best death bowling in the ipl this season',
          'how do I stop edging the ball to slip',
        ],
      },
      {
        id: '640',
        name: 'Fantasy Sports',
        things: ['fantasy draft board', 'waiver wire pickups'],
        doing: ['drafting my fantasy football team', 'managing two fantasy leagues'],
        prompts: [
          'who should I start at flex this week, a running back or a wide receiver on a bye-heavy week',
          'snake draft strategy from the 10th pick in a 12 team league',
        ],
      },
      {
        id: '644',
        name: 'Golf',
        things: ['golf clubs', 'golf rangefinder', 'golf balls', 'putter'],
        doing: ['fixing my slice', 'trying to break 90', 'playing golf on weekends'],
        prompts: [
          'how do I stop slicing my driver, it goes right every time',
          'beginner golf club set under 500 that will last',
        ],
      },
      {
        id: '669',
        name: 'Tennis',
        things: ['tennis racket', 'tennis string', 'tennis shoes'],
        doing: ['taking tennis lessons', 'improving my backhand'],
        prompts: [
          'one handed or two handed backhand for an adult beginner',
          'what string tension for a beginner racket',
        ],
      },
    ],
  },
  {
    name: 'screen and music',
    topics: [
      {
        id: '479',
        name: 'Science Fiction Movies',
        things: ['dune part two', 'blade runner 2049', 'interstellar'],
        doing: ['watching every Star Wars movie in order', 'rewatching the Alien films'],
        prompts: [
          'sci-fi movies like arrival and interstellar that are not too action heavy',
          'in what order should I watch the star wars movies with my partner',
        ],
      },
      {
        id: '710',
        name: 'Drama TV',
        things: ['prestige drama series', 'streaming subscriptions'],
        doing: ['binge watching Succession', 'watching The Bear'],
        prompts: [
          'shows like breaking bad that I have not seen yet, no crime procedurals',
          'recap season 2 of the bear without too many spoilers',
        ],
      },
      {
        id: '707',
        name: 'Animation TV',
        things: ['anime streaming service', 'studio ghibli box set'],
        doing: ['watching anime for the first time', 'catching up on One Piece'],
        prompts: [
          'anime for someone who has never watched anime and likes thrillers',
          'is it worth watching one piece from episode 1',
        ],
      },
      {
        id: '504',
        name: 'Rock Music',
        things: ['vinyl records', 'concert tickets', 'guitar amp'],
        doing: ['going to a Foo Fighters concert', 'getting into classic rock'],
        prompts: [
          'rock bands like the arctic monkeys but heavier',
          'what are the essential led zeppelin albums to start with',
        ],
      },
      {
        id: '497',
        name: 'Hip Hop Music',
        things: ['sneaker drops', 'festival tickets'],
        doing: ['listening to old school hip hop', 'making beats'],
        prompts: [
          'underrated 90s hip hop albums I should listen to',
          'who produced most of the beats on good kid maad city',
        ],
      },
      {
        id: '452',
        name: 'Musical Instruments',
        things: ['acoustic guitar', 'digital piano', 'ukulele', 'guitar pedals'],
        doing: ['learning guitar as an adult', 'practicing piano every day'],
        prompts: [
          'my fingers hurt learning guitar, does that stop eventually',
          'digital piano with weighted keys under 600 for a beginner',
          'easy songs to learn on ukulele in a week',
        ],
      },
      {
        id: '264',
        name: 'Fiction',
        things: ['kindle paperwhite', 'book club picks', 'audiobooks'],
        doing: ['reading more novels this year', 'starting a book club'],
        prompts: [
          'books like the martian with funny narrators',
          'give me 5 literary fiction picks for a book club that will spark discussion',
        ],
      },
    ],
  },
  {
    name: 'style and beauty',
    topics: [
      {
        id: '677',
        name: 'Beauty',
        things: [
          'vitamin c serum',
          'retinol',
          'sunscreen for oily skin',
          'foundation shade',
          'hair dryer brush',
        ],
        doing: ['building a skincare routine', 'trying a no-makeup makeup look'],
        prompts: [
          'what order do I put on serum, moisturizer and sunscreen',
          'drugstore foundation for dry skin that does not look cakey',
          'can I use retinol and vitamin c in the same routine',
        ],
      },
      {
        id: '686',
        name: "Women's Fashion",
        things: ['wrap dress', 'ankle boots', 'capsule wardrobe', 'wide leg jeans'],
        doing: ['building a capsule wardrobe', 'dressing for a summer wedding'],
        prompts: [
          'what to wear to a summer wedding that is "garden formal"',
          'how do I style wide leg jeans if I am short',
        ],
      },
      {
        id: '683',
        name: "Men's Fashion",
        things: ['chinos', 'white sneakers', 'oxford shirt', 'chelsea boots', 'suit'],
        doing: ['upgrading my wardrobe', 'dressing business casual'],
        prompts: [
          'what shoes go with navy chinos for a business casual office',
          'how should a suit jacket fit in the shoulders',
        ],
      },
    ],
  },
  {
    name: 'cars',
    topics: [
      {
        id: '244',
        name: 'Auto Buying and Selling',
        things: ['used suv', 'car loan', 'trade-in value', 'certified pre-owned sedan'],
        doing: ['shopping for a used car', 'selling my car privately'],
        prompts: [
          'what should I check when test driving a used car with 80k miles',
          'is it better to lease or buy if I drive 15k miles a year',
          'how do I negotiate with a dealer who keeps adding fees',
        ],
      },
      {
        id: '253',
        name: 'Green Vehicles',
        things: ['electric car', 'home ev charger', 'plug-in hybrid', 'heat pump'],
        doing: ['switching to an EV', 'road tripping in an electric car'],
        prompts: [
          'tesla model 3 vs hyundai ioniq 6 for a 60 mile daily commute',
          'how much does it cost to install a level 2 charger in a garage',
        ],
      },
      {
        id: '255',
        name: 'Motorcycles',
        things: ['motorcycle helmet', 'riding jacket', 'beginner motorcycle'],
        doing: ['getting my motorcycle license', 'riding on weekends'],
        prompts: [
          'good first motorcycle for a tall beginner, not a sport bike',
          'full face vs modular helmet for commuting',
        ],
      },
    ],
  },
  {
    name: 'creative hobbies',
    topics: [
      {
        id: '431',
        name: 'Photography',
        things: ['mirrorless camera', '50mm lens', 'tripod', 'lightroom presets'],
        doing: ['learning manual mode', 'shooting street photography', 'taking better photos of my kids'],
        prompts: [
          'what settings for night sky photos with a kit lens',
          'sony a6400 or fujifilm xt30 for travel photography',
        ],
      },
      {
        id: '446',
        name: 'Board Games and Puzzles',
        things: ['board games for two', '1000 piece puzzle', 'catan expansion'],
        doing: ['hosting game night', 'learning to play chess'],
        prompts: [
          'board games for 6 people that take under an hour and are easy to teach',
          'chess openings a beginner should learn first',
        ],
      },
      {
        id: '427',
        name: 'Drawing and Sketching',
        things: ['sketchbook', 'drawing tablet', 'alcohol markers'],
        doing: ['learning to draw faces', 'sketching every day'],
        prompts: [
          'exercises to get better at drawing hands',
          'ipad or wacom for a beginner who wants to do digital art',
        ],
      },
    ],
  },
];

/** Every topic, in cluster order. */
export const TOPICS: readonly Topic[] = CLUSTERS.flatMap((c) => c.topics);
