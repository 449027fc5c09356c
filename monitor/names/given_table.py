"""The equivalence table of given names, written for Vigil.

One line per name: ``sex root | Latin forms | Belarusian Cyrillic | Russian Cyrillic | diminutives``.
The first Latin form is Viasna's passport spelling; the first Belarusian and Russian
Cyrillic forms are used when Vigil generates a person's Cyrillic name. Forms whose
consonant skeleton already agrees (Siarhei / Sergei / Сергей) need not all be listed;
the table exists for the ones keys cannot join (Volha / Olga, Uladzimir / Vladimir,
Zmitser / Dmitry) and for diminutives (Sasha, Volia, Siarzhuk, Masha). Several roots may
share a diminutive (Sasha is Aliaksandr and Aliaksandra).

It is the only table of given names in Vigil: the matcher reads it through
``given_names.py`` and the new-name detector through ``monitor.newnames.gazetteer``, so a
name added here is known to both. Rare names the list needs (Zianon, Jadviga ...) live
here too: a given name the table lacks cannot reject a namesake or start a new name.
"""

TABLE = """
m aleksandr | Aliaksandr Aliaksandar Aleksandr Alexander Alexandr Aleksander Alyaksandr Alaksandr Alaksandar Oleksandr Ales Aleś Alies | Аляксандр Алесь | Александр Алесь | Sasha Sania Sanya Shura Sashka Саша Саня Шура Сашка Sasza Sania Alik
f aleksandra | Aliaksandra Aleksandra Alexandra Alaksandra | Аляксандра | Александра | Sasha Sania Sanya Shura Саша Саня Шура Sasza
m sergei | Siarhei Siarhiej Siarhiei Serhei Sergei Sergey Serguei Siarhej Serhiy | Сяргей | Сергей | Siarzhuk Сяржук Seryozha Seriozha Серёжа Sierž Sierzhuk Серж
m andrei | Andrei Andrej Andrey Andrzej Andrius | Андрэй Анджэй | Андрей Анджей | Andrus Андрусь Andriusha Андрюша
m aleksei | Aliaksei Aliaksiej Aleksei Alexei Alexey Aleksey Alaksiej Aliaksey | Аляксей | Алексей | Liosha Lyosha Alyosha Лёша Алёша Алеша
m evgeni | Yauhen Yauheni Yauhenii Jauhien Jaŭhien Evgeny Evgeniy Evgenii Yevgeny Yevgeniy Eugene Yevhen Jauhen | Яўген Яўгені | Евгений | Zhenya Zhenia Жэня Женя
m dmitri | Dzmitry Dzmitryi Dzmitryj Dzimitryi Dzmitrij Dmitry Dmitriy Dmitri Dmitrij Dmitrijs Dmitryi Zmitser Zmicier Źmicier Zmitsier | Дзмітры Дзмітрый Зміцер | Дмитрий | Dima Dzima Дзіма Дима Мітя Mitia Zmitsier Зміт
m vladimir | Uladzimir Uladzimier Uładzimir Vladimir Wladimir Uladzimer | Уладзімір | Владимир | Vova Вова Valodzia Валодзя Volodya Volodia Володя
m pavel | Pavel Paval Paviel Paul Paweł | Павел Павал | Павел | Pasha Паша Pavlik Паўлік Павлик
m igor | Ihar Igor Ihor Ihar | Ігар | Игорь |
m maksim | Maksim Maskim Maxim Maksym Maxym | Максім | Максим | Max Макс
m vitali | Vital Vitali Vitaly Vitaliy Vitalii Vitalij Vitaĺ | Віталь | Виталий | Vitalik Віталік Виталик
m denis | Dzianis Dzyanis Denis Dzianiš | Дзяніс | Денис | Dzianisik
m oleg | Aleh Oleg Aleg Aleĥ | Алег | Олег | Alezhka
m vladislav | Uladzislau Uladzislaŭ Vladislav Wladyslaw Uladzisłaŭ | Уладзіслаў | Владислав | Vlad Ulad Улад Влад Vladik
m ivan | Ivan Iwan | Іван | Иван | Vania Vanya Ваня Iwaś Янка
m nikolai | Mikalai Mikalaj Mikałaj Nikolai Nikolay Nikolaj Mikola Mykola Mikolaj | Мікалай Мікола | Николай | Kolya Kolia Коля Mikola
m viktor | Viktar Victor Viktor Wiktar | Віктар | Виктор | Vitia Vitya Віця Витя
m artem | Artsiom Artem Artyom Artiom Arciom Artsyom | Арцём | Артём Артем | Tsiom Tiema Тёма
m vadim | Vadzim Vadim | Вадзім | Вадим | Vadik
m ilya | Illia Ilya Illya Ilja Iĺla Ilia | Ілья | Илья | Ilyukha
m yuri | Yury Yuryi Yurij Yuri Yuriy Juryj Jury Yurii Juri | Юры Юрый | Юрий | Yuras Yurys Юрась Jura Yura Юра Jurka
m mikhail | Mikhail Michail Mikhal Michał Mikhas Mikhaił | Міхаіл Міхал | Михаил | Misha Міша Миша Mikhas Міхась Michaś
m anton | Anton | Антон | Антон | Antos Антось Tosha
m roman | Raman Roman | Раман | Роман | Roma Рома Ramka
m nikita | Mikita Nikita | Мікіта | Никита |
m kirill | Kiryl Kirill Kiril Kiryła | Кірыл | Кирилл |
m vyacheslav | Viachaslau Viacheslav Vyacheslav Viačasłaŭ Wiaczesław | Вячаслаў | Вячеслав | Slava Слава Slavik
m ruslan | Ruslan | Руслан | Руслан |
m vasili | Vasil Vasily Vasiliy Vasilii Vasyl Wasil | Васіль | Василий | Vasia Vasya Вася
m konstantin | Kanstantsin Kanstancin Konstantin Kastus Kastuś | Канстанцін Кастусь | Константин | Kostya Kostia Костя
m egor | Yahor Jahor Yegor Egor Jehor | Ягор | Егор |
m anatoli | Anatol Anatoly Anatoliy Anatolii Anatolij Anatoĺ Anatoli | Анатоль | Анатолий | Tolya Толя
m valeri | Valeryi Valery Valeri Valeriy Valerii Valer Valier Valeryj Valery | Валерый Валер | Валерий | Valera Валера
m stanislav | Stanislau Stanislav Stanisłaŭ Stanisław | Станіслаў | Станислав | Stas Стась Стас
m gennadi | Henadz Hennadz Hienadz Gennady Gennadiy Gennadi Henadź Hiennadz | Генадзь | Геннадий | Gena Гена
m artur | Artur Arthur | Артур | Артур |
m eduard | Eduard Edvard Edward | Эдуард | Эдуард | Edik
m valentin | Valiantsin Valentin Valiancin Walancin | Валянцін | Валентин | Valik
m petr | Piotr Petr Pyotr Piatro Pietra Petro Pětr | Пётр Пятро | Пётр Петр | Petya Петя
m daniil | Daniil Danila Danil Daniel | Данііл Даніла | Даниил Данила |
m leonid | Leanid Lieanid Leonid Lionid | Леанід | Леонид | Lionia Lenya
m gleb | Hleb Gleb Hlieb | Глеб | Глеб |
m boris | Barys Boris | Барыс | Борис | Borya
m yaroslav | Yaraslau Jaraslau Yaroslav Jaroslav Jarasłaŭ | Яраслаў | Ярослав | Yarik
m grigori | Ryhor Hryhory Grigory Grigoriy Grigorii Ryhor Hryhor | Рыгор | Григорий | Grisha Гриша
m fedor | Fiodar Fedor Fyodor Fiodor Chviedar Khviedar Fedar | Фёдар Хведар | Фёдор Федор | Fedya Федя
m yan | Yan Jan | Ян | Ян | Yanka
m stepan | Stsiapan Sciapan Stepan Sciepan | Сцяпан | Степан | Stsiopa
m timur | Tsimur Timur Cimur | Цімур | Тимур |
m timofei | Tsimafei Timofei Timofey Cimafiej Tsimafiej Timafei | Цімафей | Тимофей | Tsima Tima Ціма
m matvei | Matsvei Matvei Matvey Macviej Matfei | Мацвей | Матвей |
m zakhar | Zakhar Zachar | Захар | Захар |
m mark | Mark Marek | Марк | Марк |
m arseni | Arsenii Arseni Arseniy Arsenij | Арсеній | Арсений |
m svyatoslav | Sviataslau Sviatoslav Sviatasłaŭ | Святаслаў | Святослав |
m georgi | Heorhii Heorhi Georgy Georgiy Georgii Hieorhij | Георгій | Георгий | Zhora Жора
m filipp | Filip Pilip Philip Filipp | Піліп Філіп | Филипп |
m semen | Siamion Semyon Semen Symon Simon Siman | Сямён Сымон | Семён Семен |
m rodion | Radzivon Rodion | Радзівон | Родион |
m yakov | Yakau Yakov Jakub Jakau Yakub | Якаў Якуб | Яков Якуб |
m rostislav | Rastsislau Rostislav Rascisłaŭ | Расціслаў | Ростислав |
m miroslav | Miraslau Miroslav | Міраслаў | Мирослав |
m lev | Leu Lev Leŭ | Леў | Лев |
m taras | Taras | Тарас | Тарас |
m david | David Davyd Davit Dawid | Давід | Давид |
m ignat | Ihnat Ignat Ihnatsii | Ігнат Ігнацій | Игнат Игнатий |
m bogdan | Bahdan Bogdan | Багдан | Богдан |
m tikhon | Tsikhan Tikhon Cichan | Ціхан | Тихон |
m herman | Herman German | Герман | Герман |
m vsevolod | Usevalad Vsevolod Usievalad Vsevalad | Усевалад | Всеволод | Seva
m vaclav | Vatslau Vaclav Vacłaŭ | Вацлаў | Вацлав |
m vitovt | Vitaut Vitovt | Вітаўт | Витовт |
m iosif | Yuzef Iosif Yazep Józef Jazep | Юзэф Язэп | Иосиф Язеп |
m afanasi | Apanas Afanasy | Апанас | Афанасий |
m trofim | Trafim Trofim | Трафім | Трофим |
m arkadi | Arkadz Arkady Arkadiy | Аркадзь | Аркадий |
m elisei | Yelisei Elisei | Елісей | Елисей |
m edgar | Edhar Edgar | Эдгар | Эдгар |
m leon | Liavon Leon Lavon | Лявон Леон | Леон |
m nazar | Nazar | Назар | Назар |
m renat | Renat | Рэнат | Ренат |
m emil | Emil | Эміль | Эмиль |
m klim | Klim | Клім | Клим |
m ivar | Ivar | Івар | Ивар |
m albert | Albert Alʹbert | Альберт | Альберт |
m robert | Robert | Роберт | Роберт |
m feliks | Feliks Felix | Фелікс | Феликс |
m stefan | Stefan | Стэфан | Стефан |
m rychard | Rychard Richard Ryszard | Рыгард Рычард | Ричард |
m adam | Adam | Адам | Адам |
m chaslau | Cheslau Czesław Česlaŭ | Чэслаў | Чеслав |
m ramuald | Ramuald Romuald | Рамуальд | Ромуальд |
m danat | Danat Donat | Данат | Донат |
m vilen | Vilen | Вілен | Вилен |
m slavamir | Slavamir Slavomir | Славамір | Славомир |
m sviatazar | Sviatazar | Святазар | Святозар |
m uladzilen | Uladzilen Vladilen | Уладзілен | Владилен |
m arystarch | Arystarch Aristarkh | Арыстарх | Аристарх |
m dziamyan | Dziamyan Demyan Dziamian | Дзям'ян | Демьян |
m voitsekh | Voitsekh Wojciech | Войцех | Войцех |
m yezhy | Yezhy Jerzy | Ежы | Ежи |
m zianon | Zianon Zenon | Зянон | Зенон |
m radzim | Radzim Rodim | Радзім | Радим |
m miron | Miron Myron | Мірон | Мирон |
m serafim | Serafim Siarafim | Серафім | Серафим |
m platon | Platon | Платон | Платон |
m makar | Makar | Макар | Макар |
m marat | Marat | Марат | Марат |
m rustam | Rustam | Рустам | Рустам |
m eldar | Eldar | Эльдар | Эльдар |
m rafael | Rafael Rafail Rafał | Рафаэль Рафаіл | Рафаэль Рафаил |
m erik | Erik Eryk | Эрык | Эрик |
m savely | Savely Saveli Savieli Savva | Савелій Сава | Савелий Савва |
m prokhor | Prokhar Prokhor Prachor | Прохар | Прохор |
m yefim | Yefim Efim Yafim Jafim | Яфім | Ефим |
m foma | Foma Fama Tamash | Фама Тамаш | Фома |
m kuzma | Kuzma Kuźma | Кузьма | Кузьма |
m luka | Luka Lukash Lukas Łukaš | Лука Лукаш | Лука |
m nestor | Nestar Nestor | Нестар | Нестор |
m yulian | Yulian Julian Iulian Juljan | Юльян Юліян | Юлиан |
m kazimir | Kazimir Kazimier Kazimierz | Казімір | Казимир |
m vitold | Vitold Witold | Вітольд | Витольд |
m tadevush | Tadevush Tadeusz Tadevuš | Тадэвуш | Тадеуш |
m vladlen | Vladlen Uladlen | Уладлен | Владлен |
m arsen | Arsen | Арсен | Арсен |
m ilyas | Ilyas Iljas | Ільяс | Ильяс |
f olga | Volha Voĺha Olga Olha Wolha Volga | Вольга | Ольга | Volia Волечка Воля Olya Olia Оля
f natalia | Natallia Natalia Natalya Natalja Nataliya Natallja Natallya | Наталля | Наталья Наталия | Natasha Наташа Nata
f tatiana | Tatsiana Tatiana Tatyana Tatsyana Tacciana Tatciana Tatsciana Tatjana | Таццяна | Татьяна | Tanya Tania Таня
f elena | Alena Elena Yelena Helena Aliena Olena Jelena | Алена | Елена | Lena Лена Alenka Аленка
f alyona | Alyona Aliona Alona | Алёна | Алёна |
f ekaterina | Katsiaryna Kaciaryna Ekaterina Yekaterina Katerina Katsyaryna Katarzyna Kateryna | Кацярына Катэрына | Екатерина Катерина | Katia Katya Катя Kacia Каця Katsia
f anastasia | Anastasiya Anastasia Anastasija Nastassia Nasta Nastassija Anastasiia | Анастасія Наста | Анастасия | Nastya Nastia Настя Nascia Nastsia
f irina | Iryna Irina Iryna Irena | Ірына | Ирина | Ira Ира Іра
f yulia | Yuliya Yulia Julia Julija Yuliia Yuliya Yulija | Юлія | Юлия | Yulya Юля
f anna | Hanna Anna Ganna Ania | Ганна | Анна | Ania Anya Аня Hanka Ганка
f svetlana | Sviatlana Svetlana Śviatłana Sviatłana Svyatlana | Святлана | Светлана | Sveta Света Святла
f marina | Maryna Marina | Марына | Марина |
f lyudmila | Liudmila Lyudmila Ludmila Ludmiła Liudmyla | Людміла | Людмила | Luda Люда Mila
f viktoria | Viktoryia Victoria Viktoria Viktoriya Viktoryja Viktoriia | Вікторыя | Виктория | Vika Віка Вика
f maria | Maryia Maria Mariya Maryja Marija Mariia Marya | Марыя | Мария | Masha Maša Маша Marusia Маруся Mania Маня
f darya | Darya Daria Darja Daryja Dasha Daŕja Darija | Дар'я Дар’я | Дарья | Dasha Даша Daša
f oksana | Aksana Oksana Aksana | Аксана | Оксана | Ksiusha
f nadezhda | Nadzeya Nadzieja Nadzieya Nadezhda Nadzeja | Надзея | Надежда | Nadia Nadya Надя
f olesya | Alesia Aliesia Olesya Alesya Olesia | Алеся | Олеся |
f alla | Ala Alla | Ала | Алла |
f alina | Alina | Аліна | Алина |
f galina | Halina Galina Hala | Галіна | Галина | Galya Галя Hala
f yana | Yana Jana | Яна | Яна |
f diana | Dziyana Diana Dyiana Dziana | Дзіяна | Диана |
f veronika | Veranika Veronika Wieranika | Вераніка | Вероника | Nika
f valentina | Valiantsina Valentina Valiancina | Валянціна | Валентина | Valya Валя
f polina | Palina Polina | Паліна | Полина | Polya
f ksenia | Kseniya Ksenia Kseniia Ksenija | Ксенія | Ксения | Ksyusha Ксюша
f inna | Ina Inna | Іна | Инна |
f kristina | Krystsina Kristina Kryscina Christina Krystina | Крысціна | Кристина | Kristi
f larisa | Larysa Larisa | Ларыса | Лариса |
f valeria | Valeryia Valeria Valerija | Валерыя | Валерия | Lera Лера
f zhanna | Zhanna Zhana Žana | Жанна | Жанна |
f margarita | Marharyta Margarita | Маргарыта | Маргарита | Rita
f elizaveta | Lizaveta Elizaveta Yelizaveta Lizavieta | Лізавета | Елизавета | Liza Ліза Лиза
f evgenia | Yauheniya Evgenia Yevgenia Jauhienija Yaugenia Yeugenia | Яўгенія Еўгенія | Евгения | Zhenya Женя Жэня
f lilia | Liliya Lilia | Лілія | Лилия |
f vera | Vera Viera | Вера | Вера |
f lyubov | Liubou Lyubov Liubov Liuboŭ | Любоў | Любовь | Liuba Люба
f karina | Karyna Karina | Карына | Карина |
f antonina | Antanina Antonina | Антаніна | Антонина | Tonya Тоня
f angelina | Anhelina Angelina | Ангеліна | Ангелина |
f tamara | Tamara | Тамара | Тамара |
f ilona | Ilona Ilonna | Ілона | Илона |
f nina | Nina | Ніна | Нина |
f anzhelika | Anzhalika Angelika Andżelika Anzhelika | Анжаліка | Анжелика |
f anzhela | Anzhela Angela | Анжэла | Анжела |
f lidia | Lidziya Lidia Lidiya Lidzija | Лідзія | Лидия | Lida Ліда
f yanina | Yanina Janina | Яніна | Янина |
f inga | Inha Inga | Інга | Инга |
f snezhana | Sniazhana Snezhana | Сняжана | Снежана |
f ulyana | Ulyana Uliana | Ульяна | Ульяна |
f elina | Elina | Эліна | Элина |
f varvara | Varvara | Варвара | Варвара | Varia
f rita | Ryta Rita | Рыта | Рита |
f violetta | Viyaleta Violetta Viyaletta | Віялета | Виолетта |
f elvira | Elvira | Эльвіра | Эльвира |
f zinaida | Zinaida | Зінаіда | Зинаида | Zina
f raisa | Raisa | Раіса | Раиса |
f renata | Renata | Рэната | Рената |
f sofia | Sofia Safiya Sofiya Sofya Zofia | Сафія Софія | Софья София | Sonya Соня
f zlata | Zlata | Злата | Злата |
f alisa | Alisa | Аліса | Алиса |
f milana | Milana | Мілана | Милана |
f taisia | Taisiya Taisia | Таісія | Таисия |
f inessa | Inesa Inessa | Інеса | Инесса |
f zoya | Zoya Zoja | Зоя | Зоя |
f kira | Kira | Кіра | Кира |
f kamila | Kamila | Каміла | Камила |
f maryana | Maryana Maryiana Mariana | Мар'яна | Марьяна |
f marfa | Marfa | Марфа | Марфа |
f marta | Marta | Марта | Марта |
f danuta | Danuta | Данута | Данута |
f karolina | Karalina Karolina | Караліна | Каролина |
f yaroslava | Yaraslava Yaroslava | Яраслава | Ярослава |
f stefania | Stefaniya Stefania Stefani | Стэфанія | Стефания |
f pelageya | Pelahiya Pelageya | Пелагея | Пелагея |
f regina | Rehina Regina | Рэгіна | Регина |
f milena | Milena | Мілена | Милена |
f vitalina | Vitalina | Віталіна | Виталина |
f vitalia | Vitaliya Vitalia | Віталія | Виталия |
f aleksandryna | Aleksandryna | Аляксандрына | Александрина |
f beata | Beata | Беата | Беата |
f ema | Ema Emma | Эма | Эмма |
f zaryna | Zaryna Zarina | Зарына | Зарина |
f sabina | Sabina | Сабіна | Сабина |
f lalita | Lalita | Лаліта | Лалита |
f ulada | Ulada | Улада | Улада |
f dana | Dana | Дана | Дана |
f bazhena | Bazhena Bazhena | Бажэна | Божена |
f daryna | Daryna | Дарына | Дарина |
f dina | Dina Dzina | Дзіна | Дина |
f liliana | Liliana Lilijana Liliyana | Ліліяна | Лилиана |
f arina | Aryna Arina | Арына | Арина |
f emilia | Emilia Emiliya Emilija | Эмілія | Эмилия |
f eva | Eva Yeva Ewa Jeva | Ева | Ева |
f lesia | Lesia Lesya Lesja | Леся | Леся |
f lina | Lina | Ліна | Лина |
f lada | Lada | Лада | Лада |
f nelli | Nelli Nelly | Нэлі | Нелли |
f tereza | Tereza Teresa | Тэрэза | Тереза |
f wanda | Wanda Vanda | Ванда | Ванда |
f jadviga | Jadviga Jadwiga Yadviha Jadviha | Ядвіга | Ядвига |
f stanislava | Stanislava Stanisłava | Станіслава | Станислава |
f vasilisa | Vasilisa | Васіліса | Василиса |
f taisa | Taisa | Таіса | Таиса |
"""
